/**
 * The closed lists the risk register speaks in. Each list is a value (for runtime checks of
 * commands) and a type (for the compiler).
 */

/** A threat hurts the project if it happens; an opportunity helps it. */
export const RISK_KINDS = ['threat', 'opportunity'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

/**
 * Where a risk comes from. A closed list so the register can be grouped and heat-mapped per
 * category; `other` is the escape hatch (DOMAIN.md gives no list, this is the usual telecom
 * delivery breakdown).
 */
export const RISK_CATEGORIES = [
  'technical',
  'commercial',
  'contractual',
  'schedule',
  'resource',
  'supply-chain',
  'hse',
  'regulatory',
  'customer',
  'quality',
  'other',
] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** Response strategies per kind (DOMAIN.md "strategy must fit the kind"). */
export const THREAT_STRATEGIES = ['avoid', 'mitigate', 'transfer', 'accept', 'escalate'] as const;
export const OPPORTUNITY_STRATEGIES = [
  'exploit',
  'enhance',
  'share',
  'accept',
  'escalate',
] as const;
export type ThreatStrategy = (typeof THREAT_STRATEGIES)[number];
export type OpportunityStrategy = (typeof OPPORTUNITY_STRATEGIES)[number];
export type RiskResponseStrategy = ThreatStrategy | OpportunityStrategy;

export function strategiesFor(kind: RiskKind): readonly RiskResponseStrategy[] {
  return kind === 'threat' ? THREAT_STRATEGIES : OPPORTUNITY_STRATEGIES;
}

/** A response action is `open` until it is `done` or `cancelled`; those two are final. */
export const RESPONSE_ACTION_STATUSES = ['open', 'in-progress', 'done', 'cancelled'] as const;
export type ResponseActionStatus = (typeof RESPONSE_ACTION_STATUSES)[number];
export const FINAL_RESPONSE_ACTION_STATUSES: readonly ResponseActionStatus[] = [
  'done',
  'cancelled',
];

/** To which level a risk is escalated; `escalatedTo` names the person or body at that level. */
export const RISK_ESCALATION_LEVELS = ['program', 'portfolio', 'executive', 'customer'] as const;
export type RiskEscalationLevel = (typeof RISK_ESCALATION_LEVELS)[number];

/**
 * Why a risk is closed, and for which kind:
 * - `expired`: the window in which it could happen has passed (both kinds);
 * - `no-longer-relevant`: scope or context changed so it cannot happen (both kinds);
 * - `avoided`: a threat taken out by the response (threat only);
 * - `occurred-and-resolved`: a threat that happened (became an issue) and was dealt with;
 * - `realised`: an opportunity that happened and whose benefit was taken.
 * The last two need a recorded occurrence; a risk that occurred can close only with them.
 */
export const THREAT_CLOSE_REASONS = [
  'expired',
  'no-longer-relevant',
  'avoided',
  'occurred-and-resolved',
] as const;
export const OPPORTUNITY_CLOSE_REASONS = ['expired', 'no-longer-relevant', 'realised'] as const;
export type RiskCloseReason =
  (typeof THREAT_CLOSE_REASONS)[number] | (typeof OPPORTUNITY_CLOSE_REASONS)[number];
export const OCCURRED_CLOSE_REASON = {
  threat: 'occurred-and-resolved',
  opportunity: 'realised',
} as const satisfies Record<RiskKind, RiskCloseReason>;

export function closeReasonsFor(kind: RiskKind): readonly RiskCloseReason[] {
  return kind === 'threat' ? THREAT_CLOSE_REASONS : OPPORTUNITY_CLOSE_REASONS;
}
