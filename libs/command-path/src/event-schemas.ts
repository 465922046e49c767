import { EventSchemas } from '@ledger/event-store';
import { AGGREGATES } from '@ledger/domain';

/**
 * Every event type's current schemaVersion and upcasters, from every aggregate: what the event
 * store's read path (`upcasting(store, EVENT_SCHEMAS)`) needs to hand out current shapes (P6).
 */
export const EVENT_SCHEMAS: EventSchemas = EventSchemas.merge(AGGREGATES);
