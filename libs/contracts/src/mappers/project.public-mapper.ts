import {
  assertNever,
  type BaselineContent,
  type ProjectEvent,
  type ScopeItem,
} from '@ledger/domain';
import type { JsonObject } from '@ledger/event-store';
import type { PublicFact } from '../public-fact';
import { publicMoney } from './public-values';

function publicScopeItem(item: ScopeItem): JsonObject {
  return { id: item.id, title: item.title };
}

function publicBaseline(baseline: BaselineContent): JsonObject {
  return {
    budget: publicMoney(baseline.budget),
    scope: baseline.scope.map(publicScopeItem),
    milestones: baseline.milestones.map((milestone) => ({
      id: milestone.id,
      title: milestone.title,
      dueOn: milestone.dueOn,
      obligationId: milestone.obligationId,
    })),
    quality: baseline.quality.map((criterion) => ({
      id: criterion.id,
      criterion: criterion.criterion,
      target: criterion.target,
    })),
  };
}

/**
 * Project events (lifecycle, change requests, execution) → public facts: the project's
 * creation, baseline and closure, and the change requests with the CSSQ facts they cause.
 * Team, stakeholders, progress and costs stay internal (people, and figures the read models
 * publish).
 */
export function mapProjectEvent(event: ProjectEvent): PublicFact | null {
  const projectId = event.data.projectId;
  const owner = { kind: 'project', id: projectId } as const;
  const subject = `projects/${projectId}`;
  switch (event.type) {
    case 'ProjectCreated': {
      const { programId, contractId, name } = event.data;
      return {
        type: 'com.delivery-ledger.project.created.v1',
        subject,
        owner,
        data: { projectId, programId, contractId, name },
      };
    }
    case 'BaselineEstablished':
      return {
        type: 'com.delivery-ledger.project.baselined.v1',
        subject,
        owner,
        data: {
          projectId,
          version: event.data.version,
          baseline: publicBaseline(event.data.baseline),
        },
      };
    case 'BaselineRevised':
      return {
        type: 'com.delivery-ledger.project.baseline-revised.v1',
        subject,
        owner,
        data: {
          projectId,
          changeRequestId: event.data.changeRequestId,
          version: event.data.version,
          baseline: publicBaseline(event.data.baseline),
        },
      };
    case 'ChangeRequestRaised': {
      const d = event.data;
      return {
        type: 'com.delivery-ledger.project.change-request-raised.v1',
        subject: `${subject}/change-requests/${d.changeRequestId}`,
        owner,
        data: {
          projectId,
          changeRequestId: d.changeRequestId,
          title: d.title,
          origin: d.origin,
          categories: [...d.categories],
          justification: d.justification,
          supersedes: d.supersedes,
        },
      };
    }
    case 'ChangeRequestDecided': {
      const d = event.data;
      return {
        type: 'com.delivery-ledger.project.change-request-decided.v1',
        subject: `${subject}/change-requests/${d.changeRequestId}`,
        owner,
        data: {
          projectId,
          changeRequestId: d.changeRequestId,
          outcome: d.outcome,
          reason: d.reason,
          authority: d.authority,
        },
      };
    }
    case 'ScopeChanged':
      return {
        type: 'com.delivery-ledger.project.scope-changed.v1',
        subject,
        owner,
        data: {
          projectId,
          changeRequestId: event.data.changeRequestId,
          added: event.data.added.map(publicScopeItem),
          removed: event.data.removed.map(publicScopeItem),
        },
      };
    case 'ScheduleChanged':
      return {
        type: 'com.delivery-ledger.project.schedule-changed.v1',
        subject,
        owner,
        data: {
          projectId,
          changeRequestId: event.data.changeRequestId,
          milestoneShifts: event.data.milestoneShifts.map((shift) => ({
            milestoneId: shift.milestoneId,
            days: shift.days,
            from: shift.from,
            to: shift.to,
          })),
        },
      };
    case 'BudgetChanged':
      return {
        type: 'com.delivery-ledger.project.budget-changed.v1',
        subject,
        owner,
        data: {
          projectId,
          changeRequestId: event.data.changeRequestId,
          delta: publicMoney(event.data.delta),
          previousBudget: publicMoney(event.data.previousBudget),
          newBudget: publicMoney(event.data.newBudget),
        },
      };
    case 'QualityCriteriaChanged':
      return {
        type: 'com.delivery-ledger.project.quality-criteria-changed.v1',
        subject,
        owner,
        data: {
          projectId,
          changeRequestId: event.data.changeRequestId,
          criteria: event.data.criteria.map((criterion) => ({
            id: criterion.id,
            criterion: criterion.criterion,
            target: criterion.target,
          })),
        },
      };
    case 'ProjectClosed':
      return {
        type: 'com.delivery-ledger.project.closed.v1',
        subject,
        owner,
        data: { projectId, reason: event.data.reason },
      };
    case 'DeliveryApproachSelected':
    case 'TeamMemberAssigned':
    case 'TeamMemberReleased':
    case 'StakeholderRegistered':
    case 'ProcessCustomisationDefined':
    case 'HandoverOutcomeRecorded':
    case 'FinalAcceptanceRecorded':
    case 'FinalAcceptanceWaived':
    case 'ChangeRequestImpactAssessed':
    case 'CustomerApprovalRecorded':
    case 'ChangeRequestImplemented':
    case 'ChangeRequestClosed':
    case 'ChangeRequestWithdrawn':
    case 'ReportingPeriodOpened':
    case 'ReportingPeriodClosed':
    case 'ProgressReported':
    case 'ProgressCorrected':
    case 'ActualCostRecorded':
    case 'ForecastSubmitted':
      return null;
    default:
      return assertNever(event);
  }
}
