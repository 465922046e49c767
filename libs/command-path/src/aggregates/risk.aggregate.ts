import {
  RISK_STREAM_CATEGORY,
  RISK_EVENT_SCHEMA_VERSIONS,
  riskDecider,
  type RiskCommand,
  type RiskEvent,
  type RiskState,
} from '@ledger/domain';
import type { AggregateDefinition } from '../aggregate-definition';

export const riskAggregate: AggregateDefinition<RiskCommand, RiskState, RiskEvent> = {
  name: 'risk',
  streamCategory: RISK_STREAM_CATEGORY,
  decider: riskDecider,
  schemaVersions: RISK_EVENT_SCHEMA_VERSIONS,
};
