import { assertNever, VersionedMap } from '../shared';
import { evolveChangeControl, type ChangeControlState } from './change-request.state';
import { evolveExecution, type ExecutionState } from './execution.state';
import {
  PROJECT_MANAGER_ROLE,
  type DeliveryApproach,
  type RecordedHandoverKind,
  type RecordedHandoverOutcome,
  type ProcessArea,
  type ProjectEvent,
  type StakeholderRegistered,
} from './project.events';

export interface TeamAssignment {
  readonly personId: string;
  readonly role: string;
  readonly allocationPercent: number;
}
export type Stakeholder = Omit<StakeholderRegistered['data'], 'projectId' | 'registeredBy'>;
export interface ProcessCustomisation {
  readonly area: ProcessArea;
  readonly deviation: string;
  readonly rationale: string;
}
export interface RecordedHandover {
  readonly handoverId: string;
  readonly outcome: RecordedHandoverOutcome;
}

export interface ProjectRecord extends ChangeControlState, ExecutionState {
  readonly projectId: string;
  readonly programId: string;
  readonly contractId: string;
  readonly name: string;
  readonly deliveryApproach: {
    readonly optionsConsidered: readonly DeliveryApproach[];
    readonly chosen: DeliveryApproach;
    readonly rationale: string;
  } | null;
  readonly team: readonly TeamAssignment[];
  readonly projectManagerId: string | null;
  readonly stakeholders: VersionedMap<string, Stakeholder>;
  /** The latest definition per area. */
  readonly processCustomisations: VersionedMap<ProcessArea, ProcessCustomisation>;
  /** The latest handover outcome recorded per kind. */
  readonly handovers: VersionedMap<RecordedHandoverKind, RecordedHandover>;
  readonly finalAcceptance: {
    readonly certificateIds: readonly string[];
    readonly waiver: { readonly reason: string; readonly waivedBy: string } | null;
  };
}

export type ProjectState =
  { readonly status: 'absent' } | (ProjectRecord & { readonly status: 'active' | 'closed' });

export type ExistingProject = Exclude<ProjectState, { status: 'absent' }>;

export const initialProjectState: ProjectState = { status: 'absent' };

function withoutAssignment(
  team: readonly TeamAssignment[],
  personId: string | null,
  role: string,
): TeamAssignment[] {
  return team.filter((a) => !(a.personId === personId && a.role === role));
}

function evolveLifecycle(state: ExistingProject, event: ProjectEvent): ExistingProject {
  switch (event.type) {
    case 'DeliveryApproachSelected': {
      const { optionsConsidered, chosen, rationale } = event.data;
      return { ...state, deliveryApproach: { optionsConsidered, chosen, rationale } };
    }
    case 'TeamMemberAssigned': {
      const { personId, role, allocationPercent, replacedProjectManagerId } = event.data;
      const withoutReplaced = withoutAssignment(
        state.team,
        replacedProjectManagerId,
        PROJECT_MANAGER_ROLE,
      );
      return {
        ...state,
        team: [
          ...withoutAssignment(withoutReplaced, personId, role),
          { personId, role, allocationPercent },
        ],
        projectManagerId: role === PROJECT_MANAGER_ROLE ? personId : state.projectManagerId,
      };
    }
    case 'TeamMemberReleased': {
      const { personId, role } = event.data;
      const releasesManager = role === PROJECT_MANAGER_ROLE && state.projectManagerId === personId;
      return {
        ...state,
        team: withoutAssignment(state.team, personId, role),
        projectManagerId: releasesManager ? null : state.projectManagerId,
      };
    }
    case 'StakeholderRegistered': {
      const { projectId: _projectId, registeredBy: _registeredBy, ...stakeholder } = event.data;
      return {
        ...state,
        stakeholders: state.stakeholders.with(stakeholder.stakeholderId, stakeholder),
      };
    }
    case 'ProcessCustomisationDefined': {
      const { area, deviation, rationale } = event.data;
      return {
        ...state,
        processCustomisations: state.processCustomisations.with(area, {
          area,
          deviation,
          rationale,
        }),
      };
    }
    case 'BaselineEstablished': {
      const baseline = {
        ...event.data.baseline,
        version: event.data.version,
        changeRequestId: null,
      };
      return { ...state, baseline: { original: baseline, current: baseline } };
    }
    case 'HandoverOutcomeRecorded': {
      const { kind, handoverId, outcome } = event.data;
      return { ...state, handovers: state.handovers.with(kind, { handoverId, outcome }) };
    }
    case 'FinalAcceptanceRecorded':
      return {
        ...state,
        finalAcceptance: {
          ...state.finalAcceptance,
          certificateIds: [...state.finalAcceptance.certificateIds, event.data.certificateId],
        },
      };
    case 'FinalAcceptanceWaived':
      return {
        ...state,
        finalAcceptance: {
          ...state.finalAcceptance,
          waiver: { reason: event.data.reason, waivedBy: event.data.waivedBy },
        },
      };
    case 'ProjectClosed':
      return { ...state, status: 'closed' };
    case 'ProjectCreated':
      // A second creation is never decided; keep the existing project.
      return state;
    case 'ChangeRequestRaised':
    case 'ChangeRequestImpactAssessed':
    case 'ChangeRequestDecided':
    case 'ScopeChanged':
    case 'ScheduleChanged':
    case 'BudgetChanged':
    case 'QualityCriteriaChanged':
    case 'BaselineRevised':
    case 'CustomerApprovalRecorded':
    case 'ChangeRequestImplemented':
    case 'ChangeRequestClosed':
    case 'ChangeRequestWithdrawn':
      return evolveChangeControl(state, event);
    case 'ReportingPeriodOpened':
    case 'ReportingPeriodClosed':
    case 'ProgressReported':
    case 'ProgressCorrected':
    case 'ActualCostRecorded':
    case 'ForecastSubmitted':
      return evolveExecution(state, event);
    default:
      return assertNever(event);
  }
}

export function evolveProject(state: ProjectState, event: ProjectEvent): ProjectState {
  if (state.status !== 'absent') return evolveLifecycle(state, event);
  if (event.type !== 'ProjectCreated') return state;
  const { projectId, programId, contractId, name } = event.data;
  return {
    status: 'active',
    projectId,
    programId,
    contractId,
    name,
    deliveryApproach: null,
    team: [],
    projectManagerId: null,
    stakeholders: VersionedMap.empty(),
    processCustomisations: VersionedMap.empty(),
    handovers: VersionedMap.empty(),
    finalAcceptance: { certificateIds: [], waiver: null },
    baseline: null,
    changeRequests: VersionedMap.empty(),
    reportingPeriods: VersionedMap.empty(),
    progressReports: VersionedMap.empty(),
    actualCosts: VersionedMap.empty(),
    actualCostToDate: null,
    latestForecast: null,
  };
}
