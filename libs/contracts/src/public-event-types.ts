/**
 * The public integration event types (ARCHITECTURE.md P11): CloudEvents `type` values, each
 * versioned in its name. A published type is frozen (schemas/published.json): a new shape is a
 * new version, `…v2`, published beside `…v1`.
 */
export const PUBLIC_EVENT_TYPES = [
  'com.delivery-ledger.program.created.v1',
  'com.delivery-ledger.program.closed.v1',
  'com.delivery-ledger.contract.signed.v1',
  'com.delivery-ledger.contract.amended.v1',
  'com.delivery-ledger.contract.obligation-registered.v1',
  'com.delivery-ledger.contract.obligation-fulfilled.v1',
  'com.delivery-ledger.contract.obligation-missed.v1',
  'com.delivery-ledger.contract.liquidated-damages-accrued.v1',
  'com.delivery-ledger.contract.liquidated-damages-waived.v1',
  'com.delivery-ledger.project.created.v1',
  'com.delivery-ledger.project.baselined.v1',
  'com.delivery-ledger.project.baseline-revised.v1',
  'com.delivery-ledger.project.change-request-raised.v1',
  'com.delivery-ledger.project.change-request-decided.v1',
  'com.delivery-ledger.project.scope-changed.v1',
  'com.delivery-ledger.project.schedule-changed.v1',
  'com.delivery-ledger.project.budget-changed.v1',
  'com.delivery-ledger.project.quality-criteria-changed.v1',
  'com.delivery-ledger.project.closed.v1',
  'com.delivery-ledger.project.risk-raised.v1',
  'com.delivery-ledger.project.risk-assessed.v1',
  'com.delivery-ledger.project.risk-closed.v1',
  'com.delivery-ledger.project.handover-approved.v1',
  'com.delivery-ledger.project.handover-rejected.v1',
  'com.delivery-ledger.project.provisional-acceptance-certified.v1',
  'com.delivery-ledger.project.final-acceptance-certified.v1',
  'com.delivery-ledger.project.complaint-received.v1',
  'com.delivery-ledger.project.complaint-closed.v1',
  'com.delivery-ledger.project.safety-incident-reported.v1',
] as const;
export type PublicEventType = (typeof PUBLIC_EVENT_TYPES)[number];

export function isPublicEventType(value: string): value is PublicEventType {
  return (PUBLIC_EVENT_TYPES as readonly string[]).includes(value);
}
