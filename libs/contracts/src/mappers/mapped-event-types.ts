/**
 * The internal event types a PublicEventMapper needs to see: every type whose events can map to
 * a public fact (the mappers' non-null cases) and the two its ProgramDirectory learns ownership
 * from (ProjectCreated, ContractRegistered, public themselves). Every other internal type maps to
 * null whatever its data, so a consumer that reads the log only to publish it can ask the store
 * for these types alone and read the same public events.
 *
 * Why it exists: the feed's catch-up read and parsed every event of the log to publish about a
 * fifth of them (the 200k-event delivery history: 41,398 of 200,032 events, 16 of 53 MB of
 * bodies); reading and parsing the log was two thirds of the feed server's CPU. The mappers'
 * spec checks that every type left out maps to null, so a new public case cannot be forgotten
 * here without a red test.
 */
export const MAPPED_EVENT_TYPES: readonly string[] = [
  // program
  'ProgramCreated',
  'ProgramClosed',
  // contract
  'ContractRegistered',
  'ContractAmended',
  'ObligationRegistered',
  'ObligationFulfilled',
  'ObligationMissed',
  'LiquidatedDamagesAccrued',
  'LiquidatedDamagesWaived',
  // project
  'ProjectCreated',
  'BaselineEstablished',
  'BaselineRevised',
  'ProjectClosed',
  'ChangeRequestRaised',
  'ChangeRequestDecided',
  'ScopeChanged',
  'ScheduleChanged',
  'BudgetChanged',
  'QualityCriteriaChanged',
  // risk
  'RiskRaised',
  'RiskAssessed',
  'ResidualRiskAssessed',
  'RiskClosed',
  // handover
  'HandoverApproved',
  'HandoverConditionallyApproved',
  'HandoverRejected',
  // acceptance
  'ProvisionalAcceptanceCertificateIssued',
  'FinalAcceptanceCertificateIssued',
  // complaint
  'ComplaintReceived',
  'ComplaintClosed',
  // safety incident
  'SafetyIncidentReported',
];
