import type { AnyAggregateDefinition } from './shared';
import { acceptanceAggregate } from './acceptance';
import { capaAggregate } from './capa';
import { complaintAggregate } from './complaint';
import { contractAggregate } from './contract';
import { handoverAggregate } from './handover';
import { programAggregate } from './program';
import { projectAggregate } from './project';
import { riskAggregate } from './risk';
import { exposureHoursAggregate, safetyIncidentAggregate } from './safety';
import { customerSurveyAggregate } from './survey';
import { webhookSubscriptionAggregate } from './webhook-subscription';

// The one registration of an aggregate: what the library exports of it (here, not in index.ts)
// and its definition in AGGREGATES below. `aggregates.spec.ts` fails when the two drift apart.
export * from './acceptance';
export * from './capa';
export * from './complaint';
export * from './contract';
export * from './handover';
export * from './program';
export * from './project';
export * from './risk';
export * from './safety';
export * from './survey';
export * from './webhook-subscription';

const REGISTERED = [
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
] as const;

/** Every aggregate's name: a `Record<AggregateName, …>` is checked to name a new one too. */
export type AggregateName = (typeof REGISTERED)[number]['name'];

/**
 * Every aggregate of the domain, once: the event schemas (upcasting on read), the ledger CLI's
 * replay (a stream's definition by its prefix), the benchmark history's cache key and the public
 * contract's decision per aggregate all take the list from here.
 */
export const AGGREGATES: readonly AnyAggregateDefinition<AggregateName>[] = REGISTERED;
