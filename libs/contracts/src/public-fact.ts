import type { JsonObject } from '@ledger/event-store';
import type { PublicEventType } from './public-event-types';

/**
 * What an internal event's owner is, as far as program scoping goes. Program events name their
 * program; project-level events (risks, handovers, acceptances… included) name their project and
 * contract events their contract, whose program the ProgramDirectory knows.
 */
export type PublicOwner =
  | { readonly kind: 'program'; readonly id: string }
  | { readonly kind: 'project'; readonly id: string }
  | { readonly kind: 'contract'; readonly id: string };

/** A public fact mapped from one internal event, before the CloudEvents envelope is put on. */
export interface PublicFact {
  readonly type: PublicEventType;
  /** CloudEvents `subject`: the thing the fact is about, e.g. `projects/<id>/risks/<riskId>`. */
  readonly subject: string;
  readonly owner: PublicOwner;
  /** Built field by field from the internal data, never spread from it (see mappers/). */
  readonly data: JsonObject;
}
