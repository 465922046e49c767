import { acceptanceAggregate } from './acceptance';
import { capaAggregate } from './capa';
import { complaintAggregate } from './complaint';
import { contractAggregate } from './contract';
import { handoverAggregate } from './handover';
import { programAggregate } from './program';
import { projectAggregate } from './project';
import { riskAggregate } from './risk';
import { exposureHoursAggregate, safetyIncidentAggregate } from './safety';
import type { AnyAggregateDefinition } from './shared';
import { customerSurveyAggregate } from './survey';
import { webhookSubscriptionAggregate } from './webhook-subscription';

/**
 * Every aggregate of the domain, once: the event schemas (upcasting on read), the ledger CLI's
 * replay (a stream's definition by its prefix) and the benchmark history's cache key all take
 * the list from here, so a new aggregate is registered in one place.
 */
export const AGGREGATES: readonly AnyAggregateDefinition[] = [
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
  webhookSubscriptionAggregate,
];
