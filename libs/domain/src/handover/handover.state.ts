import { assertNever } from '../shared';
import type { HandoverKind } from './handover-roles';
import type {
  ChecklistItem,
  HandoverCondition,
  HandoverEvent,
  HandoverEvidence,
} from './handover.events';

/**
 * An item is `pending` until evidence is submitted; then `submitted`, and the receiver accepts
 * it or rejects it (a rejected item can be submitted again; an accepted one is done).
 */
export type HandoverItemState = ChecklistItem &
  (
    | { readonly status: 'pending'; readonly evidence: null }
    | {
        readonly status: 'submitted' | 'accepted' | 'rejected';
        readonly evidence: HandoverEvidence;
      }
  );

interface HandoverRecord {
  readonly handoverId: string;
  readonly projectId: string;
  readonly kind: HandoverKind;
  readonly items: readonly HandoverItemState[];
  readonly initiatedBy: string;
  /** The sender until approval, then the receiver who approved. */
  readonly accountable: string;
}

/** open → approved | conditionally-approved | rejected; the last three are final. */
export type HandoverState =
  | { readonly status: 'absent' }
  | (HandoverRecord & { readonly status: 'open' })
  | (HandoverRecord & { readonly status: 'approved' | 'rejected' })
  | (HandoverRecord & {
      readonly status: 'conditionally-approved';
      readonly conditions: readonly HandoverCondition[];
    });

export type ExistingHandover = Exclude<HandoverState, { status: 'absent' }>;

export const initialHandoverState: HandoverState = { status: 'absent' };

function withItem(
  state: ExistingHandover,
  itemId: string,
  change: (item: HandoverItemState) => HandoverItemState,
): ExistingHandover {
  return { ...state, items: state.items.map((item) => (item.id === itemId ? change(item) : item)) };
}

export function evolveHandover(state: HandoverState, event: HandoverEvent): HandoverState {
  if (event.type === 'HandoverInitiated') {
    const { handoverId, projectId, kind, items, initiatedBy, accountable } = event.data;
    return {
      status: 'open',
      handoverId,
      projectId,
      kind,
      items: items.map((item) => ({ ...item, status: 'pending', evidence: null })),
      initiatedBy,
      accountable,
    };
  }
  if (state.status === 'absent') return state;
  switch (event.type) {
    case 'HandoverItemSubmitted':
      return withItem(state, event.data.itemId, (item) => ({
        ...item,
        status: 'submitted',
        evidence: event.data.evidence,
      }));
    case 'HandoverItemAccepted':
      return withItem(state, event.data.itemId, (item) =>
        item.status === 'pending' ? item : { ...item, status: 'accepted' },
      );
    case 'HandoverItemRejected':
      return withItem(state, event.data.itemId, (item) =>
        item.status === 'pending' ? item : { ...item, status: 'rejected' },
      );
    case 'HandoverApproved':
      return { ...state, status: 'approved', accountable: event.data.accountable };
    case 'HandoverConditionallyApproved':
      return {
        ...state,
        status: 'conditionally-approved',
        accountable: event.data.accountable,
        conditions: event.data.conditions,
      };
    case 'HandoverRejected':
      return { ...state, status: 'rejected' };
    default:
      return assertNever(event);
  }
}
