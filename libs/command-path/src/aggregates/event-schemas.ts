import { EventSchemas } from '@ledger/event-store';
import { acceptanceAggregate } from './acceptance.aggregate';
import { capaAggregate } from './capa.aggregate';
import { complaintAggregate } from './complaint.aggregate';
import { contractAggregate } from './contract.aggregate';
import { customerSurveyAggregate } from './customer-survey.aggregate';
import { exposureHoursAggregate } from './exposure-hours.aggregate';
import { handoverAggregate } from './handover.aggregate';
import { programAggregate } from './program.aggregate';
import { projectAggregate } from './project.aggregate';
import { riskAggregate } from './risk.aggregate';
import { safetyIncidentAggregate } from './safety-incident.aggregate';

/**
 * Every event type's current schemaVersion and upcasters, from every aggregate: what the event
 * store's read path (`upcasting(store, EVENT_SCHEMAS)`) needs to hand out current shapes (P6).
 */
export const EVENT_SCHEMAS: EventSchemas = EventSchemas.merge([
  acceptanceAggregate,
  capaAggregate,
  complaintAggregate,
  contractAggregate,
  customerSurveyAggregate,
  exposureHoursAggregate,
  handoverAggregate,
  programAggregate,
  projectAggregate,
  riskAggregate,
  safetyIncidentAggregate,
]);
