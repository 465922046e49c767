import type { RecordedEvent } from '@ledger/event-store';
import type { ReadDocument } from '@ledger/read-store';
import type { Projection } from '../projection';

export const PROJECT_SUMMARIES = 'project_summaries';

export type ProjectSummaryStatus = 'active' | 'closed';
/**
 * set-up: created, no baseline yet; baselined: baseline established, Sell→Execute not yet
 * approved; execution: Sell→Execute approved; closing: Delivery→Care approved; closed.
 */
export type ProjectPhase = 'set-up' | 'baselined' | 'execution' | 'closing' | 'closed';

export interface MoneySummary {
  readonly amount: number;
  readonly currency: string;
}

export interface BaselineSummary {
  readonly version: number;
  readonly budget: MoneySummary;
  readonly scopeCount: number;
  readonly milestones: readonly {
    readonly id: string;
    readonly title: string;
    readonly dueOn: string;
  }[];
}

/** One document per project (`_id` = projectId) in the `project_summaries` collection. */
export interface ProjectSummary extends ReadDocument {
  readonly projectId: string;
  readonly programId: string;
  readonly contractId: string;
  readonly name: string;
  readonly status: ProjectSummaryStatus;
  readonly phase: ProjectPhase;
  readonly deliveryApproach: string | null;
  readonly originalBaseline: BaselineSummary | null;
  readonly currentBaseline: BaselineSummary | null;
  /** Raised and not yet rejected, closed or withdrawn (sorted ids: a set, so replays are harmless). */
  readonly openChangeRequestIds: readonly string[];
  readonly openChangeRequests: number;
  /** When the log recorded the project's first event / its latest one (ISO 8601). */
  readonly createdAt: string;
  readonly lastEventAt: string;
}

/** The project events this read model folds; every one of them also moves `lastEventAt`. */
const HANDLED = [
  'ProjectCreated',
  'DeliveryApproachSelected',
  'TeamMemberAssigned',
  'TeamMemberReleased',
  'StakeholderRegistered',
  'ProcessCustomisationDefined',
  'BaselineEstablished',
  'HandoverOutcomeRecorded',
  'FinalAcceptanceRecorded',
  'FinalAcceptanceWaived',
  'ProjectClosed',
  'ChangeRequestRaised',
  'ChangeRequestImpactAssessed',
  'ChangeRequestDecided',
  'BaselineRevised',
  'CustomerApprovalRecorded',
  'ChangeRequestImplemented',
  'ChangeRequestClosed',
  'ChangeRequestWithdrawn',
  'ReportingPeriodOpened',
  'ReportingPeriodClosed',
  'ProgressReported',
  'ProgressCorrected',
  'ActualCostRecorded',
  'ForecastSubmitted',
] as const;

const PHASE_ORDER: readonly ProjectPhase[] = [
  'set-up',
  'baselined',
  'execution',
  'closing',
  'closed',
];

type Data = Readonly<Record<string, unknown>>;

const str = (data: Data, key: string): string => {
  const value = data[key];
  if (typeof value !== 'string') throw new TypeError(`event data.${key} is not a string`);
  return value;
};

function baselineOf(version: number, content: unknown): BaselineSummary {
  const baseline = content as {
    budget: MoneySummary;
    scope: readonly unknown[];
    milestones: readonly { id: string; title: string; dueOn: string }[];
  };
  return {
    version,
    budget: { amount: baseline.budget.amount, currency: baseline.budget.currency },
    scopeCount: baseline.scope.length,
    milestones: baseline.milestones.map(({ id, title, dueOn }) => ({ id, title, dueOn })),
  };
}

/** Moves the phase forward only: a late or replayed event never takes it back. */
function advance(current: ProjectPhase, to: ProjectPhase): ProjectPhase {
  return PHASE_ORDER.indexOf(to) > PHASE_ORDER.indexOf(current) ? to : current;
}

function withOpen(document: ProjectSummary, ids: readonly string[]): ProjectSummary {
  const sorted = [...new Set(ids)].sort();
  return { ...document, openChangeRequestIds: sorted, openChangeRequests: sorted.length };
}

/** The project list and detail (issue 4): one document per project, from project events only. */
export const projectSummaryProjection: Projection<ProjectSummary> = {
  name: 'project-summaries',
  collection: PROJECT_SUMMARIES,
  handles: HANDLED,

  documentId(event: RecordedEvent): string | null {
    const projectId = event.data['projectId'];
    return typeof projectId === 'string' && projectId.length > 0 ? projectId : null;
  },

  apply(document: ProjectSummary | null, event: RecordedEvent): ProjectSummary | null {
    const data = event.data as Data;
    if (event.type === 'ProjectCreated') {
      if (document) return document;
      const projectId = str(data, 'projectId');
      return {
        _id: projectId,
        position: event.position,
        projectId,
        programId: str(data, 'programId'),
        contractId: str(data, 'contractId'),
        name: str(data, 'name'),
        status: 'active',
        phase: 'set-up',
        deliveryApproach: null,
        originalBaseline: null,
        currentBaseline: null,
        openChangeRequestIds: [],
        openChangeRequests: 0,
        createdAt: event.recordedAt,
        lastEventAt: event.recordedAt,
      };
    }
    // Any other event cannot create the summary (P5: it may be replayed onto null).
    if (!document) return null;
    const touched: ProjectSummary = { ...document, lastEventAt: event.recordedAt };
    switch (event.type) {
      case 'DeliveryApproachSelected':
        return { ...touched, deliveryApproach: str(data, 'chosen') };
      case 'BaselineEstablished': {
        const baseline = baselineOf(Number(data['version'] ?? 1), data['baseline']);
        return {
          ...touched,
          phase: advance(touched.phase, 'baselined'),
          originalBaseline: baseline,
          currentBaseline: baseline,
        };
      }
      case 'BaselineRevised': {
        const version = Number(data['version']);
        if (touched.currentBaseline && touched.currentBaseline.version >= version) return touched;
        return { ...touched, currentBaseline: baselineOf(version, data['baseline']) };
      }
      case 'HandoverOutcomeRecorded': {
        const kind = str(data, 'kind');
        if (kind === 'sell-to-execute')
          return { ...touched, phase: advance(touched.phase, 'execution') };
        if (kind === 'delivery-to-care')
          return { ...touched, phase: advance(touched.phase, 'closing') };
        return touched;
      }
      case 'ProjectClosed':
        return { ...touched, status: 'closed', phase: 'closed' };
      case 'ChangeRequestRaised':
        return withOpen(touched, [...touched.openChangeRequestIds, str(data, 'changeRequestId')]);
      case 'ChangeRequestDecided':
        if (data['outcome'] !== 'rejected') return touched;
        return withOpen(
          touched,
          touched.openChangeRequestIds.filter((id) => id !== data['changeRequestId']),
        );
      case 'ChangeRequestClosed':
      case 'ChangeRequestWithdrawn':
        return withOpen(
          touched,
          touched.openChangeRequestIds.filter((id) => id !== data['changeRequestId']),
        );
      default:
        return touched;
    }
  },
};
