import type { AggregateDefinition } from '../shared';
import type { RiskCommand } from './risk.commands';
import { riskDecider } from './risk.decider';
import { RISK_EVENT_SCHEMA_VERSIONS, type RiskEvent } from './risk.events';
import type { RiskState } from './risk.state';

/** The one place a risk's stream name is made: `risk-<id>` (one stream per risk). */
export const RISK_STREAM_CATEGORY = 'risk';
export const riskStreamId = (riskId: string): string => `${RISK_STREAM_CATEGORY}-${riskId}`;

/** The risk aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const riskAggregate: AggregateDefinition<RiskCommand, RiskState, RiskEvent, 'risk'> = {
  name: 'risk',
  decider: riskDecider,
  schemaVersions: RISK_EVENT_SCHEMA_VERSIONS,
  streamId: riskStreamId,
};
