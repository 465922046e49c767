import type { DomainEvent } from '../shared';

export interface CustomerRef {
  readonly id: string;
  readonly name: string;
}

export type ProgramCreated = DomainEvent<
  'ProgramCreated',
  {
    readonly programId: string;
    readonly name: string;
    readonly customer: CustomerRef;
    /** Since v2: the program manager named at creation, if any (v1 events read as null). */
    readonly managerId: string | null;
    readonly createdBy: string;
  }
>;
export type ProjectAttachedToProgram = DomainEvent<
  'ProjectAttachedToProgram',
  { readonly programId: string; readonly projectId: string }
>;
export type ProjectDetachedFromProgram = DomainEvent<
  'ProjectDetachedFromProgram',
  { readonly programId: string; readonly projectId: string; readonly reason: string }
>;
export type ProgramManagerAssigned = DomainEvent<
  'ProgramManagerAssigned',
  { readonly programId: string; readonly managerId: string; readonly assignedBy: string }
>;
export type ProgramClosed = DomainEvent<
  'ProgramClosed',
  { readonly programId: string; readonly closedBy: string; readonly reason: string }
>;

export type ProgramEvent =
  | ProgramCreated
  | ProjectAttachedToProgram
  | ProjectDetachedFromProgram
  | ProgramManagerAssigned
  | ProgramClosed;

/** Current schemaVersion of each event type (P6); bump it together with an upcaster. */
export const PROGRAM_EVENT_SCHEMA_VERSIONS = {
  ProgramCreated: 2,
  ProjectAttachedToProgram: 1,
  ProjectDetachedFromProgram: 1,
  ProgramManagerAssigned: 1,
  ProgramClosed: 1,
} as const satisfies Record<ProgramEvent['type'], number>;
