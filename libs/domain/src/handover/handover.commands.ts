import type { Command } from '../shared';
import type { HandoverKind } from './handover-roles';
import type { ChecklistItem } from './handover.events';

/*
 * The handover id is the stream: only InitiateHandover carries it. Commands arrive from outside,
 * so shapes and closed-list values are checked again by the decider.
 */

export type InitiateHandover = Command<
  'InitiateHandover',
  {
    readonly handoverId: string;
    readonly projectId: string;
    readonly kind: HandoverKind;
    /** Non-empty, unique ids. */
    readonly items: readonly ChecklistItem[];
  }
>;

export type SubmitHandoverItem = Command<
  'SubmitHandoverItem',
  { readonly itemId: string; readonly evidence: { readonly ref: string; readonly note?: string } }
>;

export type AcceptHandoverItem = Command<
  'AcceptHandoverItem',
  { readonly itemId: string; readonly note?: string | null }
>;

export type RejectHandoverItem = Command<
  'RejectHandoverItem',
  { readonly itemId: string; readonly reason: string }
>;

export type ApproveHandover = Command<'ApproveHandover', { readonly note?: string | null }>;

export type ApproveHandoverConditionally = Command<
  'ApproveHandoverConditionally',
  {
    /** One per item not yet accepted (mandatory or not): who closes it and by when. */
    readonly conditions: readonly {
      readonly itemId: string;
      readonly ownerId: string;
      /** `YYYY-MM-DD`, not before the approval's business date. */
      readonly dueOn: string;
    }[];
  }
>;

export type RejectHandover = Command<'RejectHandover', { readonly reason: string }>;

export type HandoverCommand =
  | InitiateHandover
  | SubmitHandoverItem
  | AcceptHandoverItem
  | RejectHandoverItem
  | ApproveHandover
  | ApproveHandoverConditionally
  | RejectHandover;
