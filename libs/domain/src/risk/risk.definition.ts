import type { AggregateDefinition } from '../shared';
import type { RiskCommand } from './risk.commands';
import { riskDecider } from './risk.decider';
import { RISK_EVENT_SCHEMA_VERSIONS, type RiskEvent } from './risk.events';
import type { RiskState } from './risk.state';
import { riskStreamId } from './risk.stream';

/** The risk aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const riskAggregate: AggregateDefinition<RiskCommand, RiskState, RiskEvent> = {
  name: 'risk',
  decider: riskDecider,
  schemaVersions: RISK_EVENT_SCHEMA_VERSIONS,
  streamId: riskStreamId,
};
