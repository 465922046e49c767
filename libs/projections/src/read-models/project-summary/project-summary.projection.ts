import {
  assertNever,
  type BaselineContent,
  type ProgramEvent,
  type ProjectEvent,
  type RiskEvent,
  type ScopeItemProgress,
  datePartOf,
  type Money,
} from '@ledger/domain';
import type { ReadDocument } from '@ledger/read-store';
import type { Projection } from '../../projection';
import { defineProjection, type ProjectedEvent } from '../../typed-projection';
import {
  earnedValueAt,
  earnedValueSummary,
  actualCostAt,
  plannedValueAt,
  type EarnedValueInputs,
  type EarnedValueSummary,
  type EvmCost,
  type EvmProgressItem,
  type EvmReport,
} from './earned-value';
import { assessHealth, HEALTH_RANK, HEALTH_THRESHOLDS, type Health } from './project-health';
import { publicItem, type PublicItem } from '../public-item';
import { summaryWith } from './summary-with';

export const PROJECT_SUMMARIES = 'project_summaries';

export type ProjectSummaryStatus = 'active' | 'closed';
/**
 * set-up: created, no baseline yet; baselined: baseline established, Sell→Execute not yet
 * approved; execution: Sell→Execute approved; closing: Delivery→Care approved; closed.
 */
export type ProjectPhase = 'set-up' | 'baselined' | 'execution' | 'closing' | 'closed';

export const PROJECT_PHASES = [
  'set-up',
  'baselined',
  'execution',
  'closing',
  'closed',
] as const satisfies readonly ProjectPhase[];

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

/**
 * A reporting period and what it reported. A closed period freezes what was reported
 * (DOMAIN.md "Earned value"): `reported` is the cumulative PV, EV and AC as of its end, taken
 * when it closed, and never rewritten; what changed it afterwards shows in `adjustments`.
 */
export interface ReportingPeriodSummary {
  readonly periodId: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly status: 'open' | 'closed';
  readonly closedAt: string | null;
  /** As of `endsOn`, frozen at the close; null while open or when closed before a baseline. */
  readonly reported: {
    readonly pv: Money | null;
    readonly ev: Money;
    readonly ac: Money;
  } | null;
  readonly adjustments: {
    /** Sum of the EV changes (as of `endsOn`) of progress corrections made after the close. */
    readonly ev: Money | null;
    /** Actual cost posted into the period's dates but recorded after it closed. */
    readonly ac: Money | null;
    readonly corrections: number;
    readonly lateCosts: number;
  };
}

export interface ForecastSummary {
  readonly submittedAt: string;
  /** Bottom-up: actual cost when submitted + the estimate to complete (null: dates only). */
  readonly estimateAtCompletion: Money | null;
  readonly milestones: readonly { readonly milestoneId: string; readonly forecastOn: string }[];
}

export interface OpenRisk {
  readonly riskId: string;
  readonly kind: string;
  /** Latest assessed score (inherent or residual, whichever came last); null before one. */
  readonly score: number | null;
}

/** What the figures are derived from; kept in the document, not served by the api. */
export interface ProjectSummaryInputs {
  /** The business date (effectiveAt) the original baseline was established: PV starts there. */
  readonly planStart: string | null;
  readonly scopeItemIds: readonly string[];
  /** Progress reports in the order recorded, with their items as last corrected. */
  readonly reports: readonly EvmReport[];
  /** Actual costs, one per ERP document id. */
  readonly costs: readonly EvmCost[];
  /** Open risks (sorted by id). */
  readonly risks: readonly OpenRisk[];
}

/** One document per project (`_id` = projectId) in the `project_summaries` collection. */
export interface ProjectSummary extends ReadDocument {
  readonly projectId: string;
  readonly programId: string;
  readonly contractId: string;
  readonly name: string;
  readonly status: ProjectSummaryStatus;
  readonly phase: ProjectPhase;
  /** False after ProjectDetachedFromProgram (until attached again): out of the portfolio. */
  readonly attachedToProgram: boolean;
  readonly deliveryApproach: string | null;
  readonly originalBaseline: BaselineSummary | null;
  readonly currentBaseline: BaselineSummary | null;
  /** Raised and not yet rejected, closed or withdrawn (sorted ids: a set, so replays are harmless). */
  readonly openChangeRequestIds: readonly string[];
  readonly openChangeRequests: number;
  /** Raised and not closed. */
  readonly openRisks: number;
  /** Open threats whose latest score is at least HEALTH_THRESHOLDS.highThreatScore. */
  readonly openHighThreats: number;
  /** Null before a baseline (see earned-value.ts for every definition). */
  readonly earnedValue: EarnedValueSummary | null;
  /** Sorted by start date. */
  readonly reportingPeriods: readonly ReportingPeriodSummary[];
  readonly latestForecast: ForecastSummary | null;
  /** RAG (project-health.ts); `unknown` before a baseline. */
  readonly health: Health;
  /** red 0, amber 1, green 2, unknown 3 (sorts worst first). */
  readonly healthRank: number;
  readonly healthReasons: readonly string[];
  /** The "today" health was judged on: the latest recordedAt date folded. */
  readonly healthAsOf: string;
  /** When the log recorded the project's first event / its latest one (ISO 8601). */
  readonly createdAt: string;
  readonly lastEventAt: string;
  readonly inputs: ProjectSummaryInputs;
}

/** What the api answers for a summary: the document without its derivation inputs. */
export type ProjectSummaryView = Omit<PublicItem<ProjectSummary>, 'inputs'>;

/**
 * What projectSummaryView leaves out of a summary: the store's fields and the derivation inputs.
 * The store keeps each summary's text without them (`jsonViews`), the project list's items.
 */
export const NOT_IN_SUMMARY_VIEW = [
  '_id',
  'position',
  'inputs',
] as const satisfies readonly (keyof ProjectSummary)[];

/** The summary as answered: no derivation inputs, no store fields (`_id`, `position`). */
export function projectSummaryView(summary: ProjectSummary): ProjectSummaryView {
  const { inputs: _inputs, ...view } = publicItem(summary);
  return view;
}

/** The events this read model folds; every one of them also moves `lastEventAt`. */
type ProjectSummaryEvent =
  | Exclude<
      ProjectEvent,
      { type: 'ScopeChanged' | 'ScheduleChanged' | 'BudgetChanged' | 'QualityCriteriaChanged' }
    >
  | Extract<ProgramEvent, { type: 'ProjectAttachedToProgram' | 'ProjectDetachedFromProgram' }>
  | ProjectRiskEvent;
/** The risk facts the summary counts (open risks, high threats). */
type ProjectRiskEvent = Extract<
  RiskEvent,
  { type: 'RiskRaised' | 'RiskAssessed' | 'ResidualRiskAssessed' | 'RiskClosed' }
>;
type DataOf<T extends ProjectSummaryEvent['type']> = Extract<
  ProjectSummaryEvent,
  { type: T }
>['data'];

const moneyOf = ({ amount, currency }: Money): Money => ({ amount, currency });

const itemsOf = (items: readonly ScopeItemProgress[]): EvmProgressItem[] =>
  items.map(({ scopeItemId, percentComplete }) => ({
    scopeItemId,
    percentComplete,
  }));

function baselineOf(version: number, baseline: BaselineContent): BaselineSummary {
  return {
    version,
    budget: { amount: baseline.budget.amount, currency: baseline.budget.currency },
    scopeCount: baseline.scope.length,
    milestones: baseline.milestones.map(({ id, title, dueOn }) => ({ id, title, dueOn })),
  };
}

const scopeIdsOf = (content: BaselineContent): string[] => content.scope.map((item) => item.id);

/** Moves the phase forward only: a late or replayed event never takes it back. */
function advance(current: ProjectPhase, to: ProjectPhase): ProjectPhase {
  return PROJECT_PHASES.indexOf(to) > PROJECT_PHASES.indexOf(current) ? to : current;
}

function withOpen(document: ProjectSummary, ids: readonly string[]): ProjectSummary {
  const sorted = [...new Set(ids)].sort();
  return summaryWith(document, {
    openChangeRequestIds: sorted,
    openChangeRequests: sorted.length,
  });
}

function withInputs(
  document: ProjectSummary,
  change: Partial<ProjectSummaryInputs>,
): ProjectSummary {
  return summaryWith(document, { inputs: { ...document.inputs, ...change } });
}

/** The earned value inputs, or null before a baseline. */
function evmInputsOf(document: ProjectSummary): EarnedValueInputs | null {
  const baseline = document.currentBaseline;
  const { planStart } = document.inputs;
  if (!baseline || planStart === null) return null;
  return {
    baseline: {
      budget: baseline.budget,
      scopeItemIds: document.inputs.scopeItemIds,
      milestoneDueDates: baseline.milestones.map((milestone) => milestone.dueOn),
    },
    planStart,
    periods: document.reportingPeriods,
    reports: document.inputs.reports,
    costs: document.inputs.costs,
  };
}

const addMoney = (total: Money | null, delta: Money): Money =>
  total === null ? delta : { amount: total.amount + delta.amount, currency: total.currency };

function updatePeriod(
  document: ProjectSummary,
  periodId: string,
  change: (period: ReportingPeriodSummary) => ReportingPeriodSummary,
): ProjectSummary {
  return summaryWith(document, {
    reportingPeriods: document.reportingPeriods.map((period) =>
      period.periodId === periodId ? change(period) : period,
    ),
  });
}

function openPeriod(
  document: ProjectSummary,
  data: DataOf<'ReportingPeriodOpened'>,
): ProjectSummary {
  const periodId = data.periodId;
  if (document.reportingPeriods.some((period) => period.periodId === periodId)) return document;
  const period: ReportingPeriodSummary = {
    periodId,
    startsOn: data.startsOn,
    endsOn: data.endsOn,
    status: 'open',
    closedAt: null,
    reported: null,
    adjustments: { ev: null, ac: null, corrections: 0, lateCosts: 0 },
  };
  const periods = [...document.reportingPeriods, period].sort((a, b) =>
    a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0,
  );
  return summaryWith(document, { reportingPeriods: periods });
}

function closePeriod(
  document: ProjectSummary,
  data: DataOf<'ReportingPeriodClosed'>,
  closedAt: string,
): ProjectSummary {
  const periodId = data.periodId;
  const inputs = evmInputsOf(document);
  return updatePeriod(document, periodId, (period) => {
    if (period.status === 'closed') return period;
    const reported = inputs && {
      pv: plannedValueAt(
        inputs.baseline.budget,
        inputs.planStart,
        inputs.baseline.milestoneDueDates,
        period.endsOn,
      ),
      ev: earnedValueAt(inputs.baseline, inputs.periods, inputs.reports, period.endsOn),
      ac: actualCostAt(inputs.baseline.budget.currency, inputs.costs, period.endsOn),
    };
    return { ...period, status: 'closed', closedAt, reported };
  });
}

function reportProgress(
  document: ProjectSummary,
  data: DataOf<'ProgressReported'>,
): ProjectSummary {
  const reportId = data.reportId;
  if (document.inputs.reports.some((report) => report.reportId === reportId)) return document;
  const report: EvmReport = {
    reportId,
    periodId: data.periodId,
    items: itemsOf(data.items),
  };
  return withInputs(document, { reports: [...document.inputs.reports, report] });
}

/** The report's items are replaced; a correction of a closed period is an adjustment on it. */
function correctProgress(
  document: ProjectSummary,
  data: DataOf<'ProgressCorrected'>,
): ProjectSummary {
  const reportId = data.correctedReportId;
  const target = document.inputs.reports.find((report) => report.reportId === reportId);
  if (!target) return document;
  const reports = document.inputs.reports.map((report) =>
    report === target ? { ...report, items: itemsOf(data.items) } : report,
  );
  const corrected = withInputs(document, { reports });
  const period = document.reportingPeriods.find((p) => p.periodId === target.periodId);
  const before = evmInputsOf(document);
  if (period?.status !== 'closed' || !before) return corrected;
  const after = earnedValueAt(before.baseline, before.periods, reports, period.endsOn);
  const was = earnedValueAt(before.baseline, before.periods, before.reports, period.endsOn);
  const delta: Money = { amount: after.amount - was.amount, currency: after.currency };
  return updatePeriod(corrected, period.periodId, (p) => ({
    ...p,
    adjustments: {
      ...p.adjustments,
      ev: addMoney(p.adjustments.ev, delta),
      corrections: p.adjustments.corrections + 1,
    },
  }));
}

/** Once per ERP document id; a cost posted into a closed period is an adjustment on it. */
function recordCost(document: ProjectSummary, data: DataOf<'ActualCostRecorded'>): ProjectSummary {
  const erpDocumentId = data.erpDocumentId;
  if (document.inputs.costs.some((cost) => cost.erpDocumentId === erpDocumentId)) return document;
  const cost: EvmCost = {
    erpDocumentId,
    amount: moneyOf(data.amount),
    postedOn: data.postedOn,
  };
  const recorded = withInputs(document, { costs: [...document.inputs.costs, cost] });
  const period = document.reportingPeriods.find(
    (p) => p.status === 'closed' && p.startsOn <= cost.postedOn && cost.postedOn <= p.endsOn,
  );
  if (!period) return recorded;
  return updatePeriod(recorded, period.periodId, (p) => ({
    ...p,
    adjustments: {
      ...p.adjustments,
      ac: addMoney(p.adjustments.ac, cost.amount),
      lateCosts: p.adjustments.lateCosts + 1,
    },
  }));
}

function withRisks(document: ProjectSummary, risks: readonly OpenRisk[]): ProjectSummary {
  const sorted = [...risks].sort((a, b) =>
    a.riskId < b.riskId ? -1 : a.riskId > b.riskId ? 1 : 0,
  );
  return withInputs(document, { risks: sorted });
}

function applyRisk(
  document: ProjectSummary,
  event: ProjectedEvent<ProjectRiskEvent>,
): ProjectSummary {
  const { type, data } = event;
  const riskId = data.riskId;
  const risks = document.inputs.risks;
  switch (type) {
    case 'RiskRaised':
      if (risks.some((risk) => risk.riskId === riskId)) return document;
      return withRisks(document, [...risks, { riskId, kind: data.kind, score: null }]);
    case 'RiskAssessed':
    case 'ResidualRiskAssessed': {
      const score = data.score;
      if (typeof score !== 'number') return document;
      return withRisks(
        document,
        risks.map((risk) => (risk.riskId === riskId ? { ...risk, score } : risk)),
      );
    }
    case 'RiskClosed':
      return withRisks(
        document,
        risks.filter((risk) => risk.riskId !== riskId),
      );
    default:
      return assertNever(type);
  }
}

/** Recomputes every derived figure (earned value, risk counts, health) from the inputs. */
function derive(document: ProjectSummary): ProjectSummary {
  const inputs = evmInputsOf(document);
  const earnedValue = inputs && earnedValueSummary(inputs);
  const risks = document.inputs.risks;
  const openHighThreats = risks.filter(
    (risk) =>
      risk.kind === 'threat' &&
      risk.score !== null &&
      risk.score >= HEALTH_THRESHOLDS.highThreatScore,
  ).length;
  const { health, reasons } = assessHealth({
    baselined: document.currentBaseline !== null,
    deliveryFinished: document.phase === 'closing' || document.phase === 'closed',
    spi: earnedValue?.spi ?? null,
    cpi: earnedValue?.cpi ?? null,
    asOf: document.healthAsOf,
    milestones: document.currentBaseline?.milestones ?? [],
    forecasts: document.latestForecast?.milestones ?? [],
    progressComplete: earnedValue?.percentComplete === 100,
    openChangeRequests: document.openChangeRequests,
    openHighThreats,
  });
  return summaryWith(document, {
    earnedValue,
    openRisks: risks.length,
    openHighThreats,
    health,
    healthRank: HEALTH_RANK[health],
    healthReasons: reasons,
  });
}

/** The summary a ProjectCreated starts, its derived figures not computed yet. */
function created(
  event: ProjectedEvent<ProjectSummaryEvent>,
  data: DataOf<'ProjectCreated'>,
): ProjectSummary {
  const projectId = data.projectId;
  return {
    _id: projectId,
    position: event.position,
    projectId,
    programId: data.programId,
    contractId: data.contractId,
    name: data.name,
    status: 'active',
    phase: 'set-up',
    attachedToProgram: true,
    deliveryApproach: null,
    originalBaseline: null,
    currentBaseline: null,
    openChangeRequestIds: [],
    openChangeRequests: 0,
    openRisks: 0,
    openHighThreats: 0,
    earnedValue: null,
    reportingPeriods: [],
    latestForecast: null,
    health: 'unknown',
    healthRank: HEALTH_RANK.unknown,
    healthReasons: [],
    healthAsOf: datePartOf(event.recordedAt),
    createdAt: event.recordedAt,
    lastEventAt: event.recordedAt,
    inputs: { planStart: null, scopeItemIds: [], reports: [], costs: [], risks: [] },
  };
}

const RISK_EVENT_TYPES: ReadonlySet<string> = new Set<ProjectRiskEvent['type']>([
  'RiskRaised',
  'RiskAssessed',
  'ResidualRiskAssessed',
  'RiskClosed',
]);
const isRiskEvent = (
  event: ProjectedEvent<ProjectSummaryEvent>,
): event is ProjectedEvent<ProjectRiskEvent> => RISK_EVENT_TYPES.has(event.type);

/** The facts of one event, before the derived figures are recomputed. */
function fold(
  touched: ProjectSummary,
  event: ProjectedEvent<Exclude<ProjectSummaryEvent, { type: 'ProjectCreated' }>>,
): ProjectSummary {
  if (isRiskEvent(event)) return applyRisk(touched, event);
  const { type, data } = event;
  switch (type) {
    case 'DeliveryApproachSelected':
      return summaryWith(touched, { deliveryApproach: data.chosen });
    case 'BaselineEstablished': {
      if (touched.originalBaseline) return touched;
      const baseline = baselineOf(Number(data.version ?? 1), data.baseline);
      return summaryWith(touched, {
        phase: advance(touched.phase, 'baselined'),
        originalBaseline: baseline,
        currentBaseline: baseline,
        inputs: {
          ...touched.inputs,
          planStart: datePartOf(event.metadata.effectiveAt),
          scopeItemIds: scopeIdsOf(data.baseline),
        },
      });
    }
    case 'BaselineRevised': {
      const version = Number(data.version);
      if (touched.currentBaseline && touched.currentBaseline.version >= version) return touched;
      return summaryWith(touched, {
        currentBaseline: baselineOf(version, data.baseline),
        inputs: { ...touched.inputs, scopeItemIds: scopeIdsOf(data.baseline) },
      });
    }
    case 'HandoverOutcomeRecorded': {
      const kind = data.kind;
      if (kind === 'sell-to-execute')
        return summaryWith(touched, { phase: advance(touched.phase, 'execution') });
      if (kind === 'delivery-to-care')
        return summaryWith(touched, { phase: advance(touched.phase, 'closing') });
      return touched;
    }
    case 'ProjectClosed':
      return summaryWith(touched, { status: 'closed', phase: 'closed' });
    case 'ChangeRequestRaised':
      return withOpen(touched, [...touched.openChangeRequestIds, data.changeRequestId]);
    case 'ChangeRequestDecided':
      if (data.outcome !== 'rejected') return touched;
      return withOpen(
        touched,
        touched.openChangeRequestIds.filter((id) => id !== data.changeRequestId),
      );
    case 'ChangeRequestClosed':
    case 'ChangeRequestWithdrawn':
      return withOpen(
        touched,
        touched.openChangeRequestIds.filter((id) => id !== data.changeRequestId),
      );
    case 'ReportingPeriodOpened':
      return openPeriod(touched, data);
    case 'ReportingPeriodClosed':
      return closePeriod(touched, data, event.recordedAt);
    case 'ProgressReported':
      return reportProgress(touched, data);
    case 'ProgressCorrected':
      return correctProgress(touched, data);
    case 'ActualCostRecorded':
      return recordCost(touched, data);
    case 'ForecastSubmitted': {
      const eac = data.estimateAtCompletion;
      const { milestones } = data;
      return summaryWith(touched, {
        latestForecast: {
          submittedAt: event.recordedAt,
          estimateAtCompletion: eac === null || eac === undefined ? null : moneyOf(eac),
          milestones: milestones.map(({ milestoneId, forecastOn }) => ({
            milestoneId,
            forecastOn,
          })),
        },
      });
    }
    case 'ProjectAttachedToProgram':
      return summaryWith(touched, { attachedToProgram: true });
    case 'ProjectDetachedFromProgram':
      return summaryWith(touched, { attachedToProgram: false });
    // Facts that only move lastEventAt and health's "today".
    case 'TeamMemberAssigned':
    case 'TeamMemberReleased':
    case 'StakeholderRegistered':
    case 'ProcessCustomisationDefined':
    case 'FinalAcceptanceRecorded':
    case 'FinalAcceptanceWaived':
    case 'ChangeRequestImpactAssessed':
    case 'CustomerApprovalRecorded':
    case 'ChangeRequestImplemented':
      return touched;
    default:
      return assertNever(type);
  }
}

/**
 * The project list and detail (issue 4): one document per project, from the project's events,
 * the program's attach/detach facts about it and its risks' events (all name data.projectId).
 * Earned value and RAG health are recomputed from the folded inputs after every event, with
 * the latest recordedAt date as "today" (never the wall clock).
 */
export const projectSummaryProjection: Projection<ProjectSummary> = defineProjection<
  ProjectSummaryEvent,
  ProjectSummary
>({
  name: 'project-summaries',
  collection: PROJECT_SUMMARIES,
  handles: {
    ProjectCreated: true,
    DeliveryApproachSelected: true,
    TeamMemberAssigned: true,
    TeamMemberReleased: true,
    StakeholderRegistered: true,
    ProcessCustomisationDefined: true,
    BaselineEstablished: true,
    HandoverOutcomeRecorded: true,
    FinalAcceptanceRecorded: true,
    FinalAcceptanceWaived: true,
    ProjectClosed: true,
    ChangeRequestRaised: true,
    ChangeRequestImpactAssessed: true,
    ChangeRequestDecided: true,
    BaselineRevised: true,
    CustomerApprovalRecorded: true,
    ChangeRequestImplemented: true,
    ChangeRequestClosed: true,
    ChangeRequestWithdrawn: true,
    ReportingPeriodOpened: true,
    ReportingPeriodClosed: true,
    ProgressReported: true,
    ProgressCorrected: true,
    ActualCostRecorded: true,
    ForecastSubmitted: true,
    ProjectAttachedToProgram: true,
    ProjectDetachedFromProgram: true,
    RiskRaised: true,
    RiskAssessed: true,
    ResidualRiskAssessed: true,
    RiskClosed: true,
  },
  indexes: [['programId', 'status', 'name'], ['status', 'name'], ['name']],
  // A list page is an index range read of these kept texts, joined: cutting them out of the
  // stored summaries on every read was ~25 % of a page built from the store.
  jsonViews: [NOT_IN_SUMMARY_VIEW],

  documentId(event: ProjectedEvent<ProjectSummaryEvent>): string | null {
    return event.data.projectId || null;
  },

  apply(
    document: ProjectSummary | null,
    event: ProjectedEvent<ProjectSummaryEvent>,
  ): ProjectSummary | null {
    const folded = foldFacts(document, event);
    return folded === document || folded === null ? folded : derive(folded);
  },

  // The engine folds a batch's events with foldFacts and derives once per document (fold and
  // foldFacts never read the derived figures: they only come out of derive).
  derived: { fold: foldFacts, derive },
});

/** `apply` without the derived figures (see Projection.derived). */
function foldFacts(
  document: ProjectSummary | null,
  event: ProjectedEvent<ProjectSummaryEvent>,
): ProjectSummary | null {
  const { type, data } = event;
  if (type === 'ProjectCreated') return document ?? created(event, data);
  // Any other event cannot create the summary (P5: it may be replayed onto null).
  if (!document) return null;
  // Already folded (the engine guards this too; counts like `corrections` rely on it).
  if (event.position <= document.position) return document;
  const today = datePartOf(event.recordedAt);
  // Stamped here (the engine would copy the document again to stamp it).
  const touched = summaryWith(document, {
    position: event.position,
    lastEventAt: event.recordedAt,
    healthAsOf: today > document.healthAsOf ? today : document.healthAsOf,
  });
  return fold(touched, event);
}
