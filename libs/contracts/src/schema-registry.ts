/**
 * Every published JSON Schema, by type and version: the files in libs/contracts/schemas are the
 * source (imported here, so builds carry them), frozen once published (schemas/published.json).
 */
import programCreatedV1 from '../schemas/com.delivery-ledger.program.created.v1.json';
import programClosedV1 from '../schemas/com.delivery-ledger.program.closed.v1.json';
import contractSignedV1 from '../schemas/com.delivery-ledger.contract.signed.v1.json';
import contractAmendedV1 from '../schemas/com.delivery-ledger.contract.amended.v1.json';
import contractObligationRegisteredV1 from '../schemas/com.delivery-ledger.contract.obligation-registered.v1.json';
import contractObligationFulfilledV1 from '../schemas/com.delivery-ledger.contract.obligation-fulfilled.v1.json';
import contractObligationMissedV1 from '../schemas/com.delivery-ledger.contract.obligation-missed.v1.json';
import contractLiquidatedDamagesAccruedV1 from '../schemas/com.delivery-ledger.contract.liquidated-damages-accrued.v1.json';
import contractLiquidatedDamagesWaivedV1 from '../schemas/com.delivery-ledger.contract.liquidated-damages-waived.v1.json';
import projectCreatedV1 from '../schemas/com.delivery-ledger.project.created.v1.json';
import projectBaselinedV1 from '../schemas/com.delivery-ledger.project.baselined.v1.json';
import projectBaselineRevisedV1 from '../schemas/com.delivery-ledger.project.baseline-revised.v1.json';
import projectChangeRequestRaisedV1 from '../schemas/com.delivery-ledger.project.change-request-raised.v1.json';
import projectChangeRequestDecidedV1 from '../schemas/com.delivery-ledger.project.change-request-decided.v1.json';
import projectScopeChangedV1 from '../schemas/com.delivery-ledger.project.scope-changed.v1.json';
import projectScheduleChangedV1 from '../schemas/com.delivery-ledger.project.schedule-changed.v1.json';
import projectBudgetChangedV1 from '../schemas/com.delivery-ledger.project.budget-changed.v1.json';
import projectQualityCriteriaChangedV1 from '../schemas/com.delivery-ledger.project.quality-criteria-changed.v1.json';
import projectClosedV1 from '../schemas/com.delivery-ledger.project.closed.v1.json';
import projectRiskRaisedV1 from '../schemas/com.delivery-ledger.project.risk-raised.v1.json';
import projectRiskAssessedV1 from '../schemas/com.delivery-ledger.project.risk-assessed.v1.json';
import projectRiskClosedV1 from '../schemas/com.delivery-ledger.project.risk-closed.v1.json';
import projectHandoverApprovedV1 from '../schemas/com.delivery-ledger.project.handover-approved.v1.json';
import projectHandoverRejectedV1 from '../schemas/com.delivery-ledger.project.handover-rejected.v1.json';
import projectProvisionalAcceptanceCertifiedV1 from '../schemas/com.delivery-ledger.project.provisional-acceptance-certified.v1.json';
import projectFinalAcceptanceCertifiedV1 from '../schemas/com.delivery-ledger.project.final-acceptance-certified.v1.json';
import projectComplaintReceivedV1 from '../schemas/com.delivery-ledger.project.complaint-received.v1.json';
import projectComplaintClosedV1 from '../schemas/com.delivery-ledger.project.complaint-closed.v1.json';
import projectSafetyIncidentReportedV1 from '../schemas/com.delivery-ledger.project.safety-incident-reported.v1.json';
import cloudEventsEnvelopeV1 from '../schemas/cloudevents-envelope.v1.json';
import type { PublicEventType } from './public-event-types';
import type { JsonSchema } from './json-schema';

export const PUBLIC_EVENT_SCHEMAS: Readonly<Record<PublicEventType, JsonSchema>> = {
  'com.delivery-ledger.program.created.v1': programCreatedV1,
  'com.delivery-ledger.program.closed.v1': programClosedV1,
  'com.delivery-ledger.contract.signed.v1': contractSignedV1,
  'com.delivery-ledger.contract.amended.v1': contractAmendedV1,
  'com.delivery-ledger.contract.obligation-registered.v1': contractObligationRegisteredV1,
  'com.delivery-ledger.contract.obligation-fulfilled.v1': contractObligationFulfilledV1,
  'com.delivery-ledger.contract.obligation-missed.v1': contractObligationMissedV1,
  'com.delivery-ledger.contract.liquidated-damages-accrued.v1': contractLiquidatedDamagesAccruedV1,
  'com.delivery-ledger.contract.liquidated-damages-waived.v1': contractLiquidatedDamagesWaivedV1,
  'com.delivery-ledger.project.created.v1': projectCreatedV1,
  'com.delivery-ledger.project.baselined.v1': projectBaselinedV1,
  'com.delivery-ledger.project.baseline-revised.v1': projectBaselineRevisedV1,
  'com.delivery-ledger.project.change-request-raised.v1': projectChangeRequestRaisedV1,
  'com.delivery-ledger.project.change-request-decided.v1': projectChangeRequestDecidedV1,
  'com.delivery-ledger.project.scope-changed.v1': projectScopeChangedV1,
  'com.delivery-ledger.project.schedule-changed.v1': projectScheduleChangedV1,
  'com.delivery-ledger.project.budget-changed.v1': projectBudgetChangedV1,
  'com.delivery-ledger.project.quality-criteria-changed.v1': projectQualityCriteriaChangedV1,
  'com.delivery-ledger.project.closed.v1': projectClosedV1,
  'com.delivery-ledger.project.risk-raised.v1': projectRiskRaisedV1,
  'com.delivery-ledger.project.risk-assessed.v1': projectRiskAssessedV1,
  'com.delivery-ledger.project.risk-closed.v1': projectRiskClosedV1,
  'com.delivery-ledger.project.handover-approved.v1': projectHandoverApprovedV1,
  'com.delivery-ledger.project.handover-rejected.v1': projectHandoverRejectedV1,
  'com.delivery-ledger.project.provisional-acceptance-certified.v1':
    projectProvisionalAcceptanceCertifiedV1,
  'com.delivery-ledger.project.final-acceptance-certified.v1': projectFinalAcceptanceCertifiedV1,
  'com.delivery-ledger.project.complaint-received.v1': projectComplaintReceivedV1,
  'com.delivery-ledger.project.complaint-closed.v1': projectComplaintClosedV1,
  'com.delivery-ledger.project.safety-incident-reported.v1': projectSafetyIncidentReportedV1,
};

/** The CloudEvents envelope every public event is delivered in (its `data` checked apart). */
export const CLOUD_EVENT_ENVELOPE_SCHEMA: JsonSchema = cloudEventsEnvelopeV1;
