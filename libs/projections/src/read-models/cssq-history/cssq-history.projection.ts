import { assertNever, type ProjectEvent } from '@ledger/domain';
import type { ReadDocument } from '@ledger/read-store';
import type { Projection } from '../../projection';
import { defineProjection, type ProjectedEvent } from '../../typed-projection';

export const CSSQ_HISTORY = 'cssq_history';

export const CSSQ_DIMENSIONS = ['cost', 'schedule', 'scope', 'quality'] as const;
export type CssqDimension = (typeof CSSQ_DIMENSIONS)[number];

/** One dimension's impact as assessed (`{ impact: 'none' }` or the change). */
export type AssessedImpact = Readonly<Record<string, unknown>> & { readonly impact: string };

export interface CssqImpacts {
  readonly cost: AssessedImpact;
  readonly schedule: AssessedImpact;
  readonly scope: AssessedImpact;
  readonly quality: AssessedImpact;
  readonly contractual: boolean;
  readonly baselineVersion: number;
  readonly assessedBy: string;
}

/** The CSSQ facts an approved change request applied to the baseline. */
export interface AppliedChanges {
  readonly budgetDelta: { readonly amount: number; readonly currency: string } | null;
  readonly scopeAdded: number;
  readonly scopeRemoved: number;
  readonly milestoneShiftDays: number;
}

export interface CssqHistoryEntry {
  /** Named like every item of every read model: by its kind (riskId, handoverId, …). */
  readonly changeRequestId: string;
  readonly title: string;
  readonly origin: string;
  readonly categories: readonly string[];
  readonly requestedBy: string;
  readonly supersedes: string | null;
  readonly raisedAt: string;
  readonly impacts: CssqImpacts | null;
  readonly outcome: string | null;
  readonly decidedBy: string | null;
  readonly authority: string | null;
  readonly reason: string | null;
  readonly decidedAt: string | null;
  /** Whole and fractional days from raised to decided (two decimals). */
  readonly leadTimeDays: number | null;
  readonly customerSignatureRef: string | null;
  readonly resultingBaselineVersion: number | null;
  readonly applied: AppliedChanges;
  readonly implementedAt: string | null;
  readonly closedAt: string | null;
  readonly withdrawnAt: string | null;
  readonly withdrawalReason: string | null;
}

export interface CssqCumulative {
  /** Sum of BudgetChanged deltas (currency of the first delta; null before any). */
  readonly budgetDelta: { readonly amount: number; readonly currency: string } | null;
  readonly scopeItemsAdded: number;
  readonly scopeItemsRemoved: number;
  readonly milestoneShiftDays: number;
}

/** One document per project (`_id` = projectId) in the `cssq_history` collection. */
export interface CssqHistory extends ReadDocument {
  readonly projectId: string;
  readonly programId: string;
  /** In the order raised. */
  readonly changeRequests: readonly CssqHistoryEntry[];
  readonly cumulative: CssqCumulative;
}

/** The project and change-request facts the history is folded from. */
type CssqHistoryEvent = Extract<
  ProjectEvent,
  {
    type:
      | 'ProjectCreated'
      | 'ChangeRequestRaised'
      | 'ChangeRequestImpactAssessed'
      | 'ChangeRequestDecided'
      | 'BudgetChanged'
      | 'ScopeChanged'
      | 'ScheduleChanged'
      | 'BaselineRevised'
      | 'CustomerApprovalRecorded'
      | 'ChangeRequestImplemented'
      | 'ChangeRequestClosed'
      | 'ChangeRequestWithdrawn';
  }
>;

const DAY_MS = 86_400_000;

const NO_CHANGES: AppliedChanges = {
  budgetDelta: null,
  scopeAdded: 0,
  scopeRemoved: 0,
  milestoneShiftDays: 0,
};

/** The cumulative deltas, recomputed from each entry's applied facts (so replays are harmless). */
function cumulativeOf(entries: readonly CssqHistoryEntry[]): CssqCumulative {
  let budgetDelta = null as CssqCumulative['budgetDelta'];
  let scopeItemsAdded = 0;
  let scopeItemsRemoved = 0;
  let milestoneShiftDays = 0;
  for (const { applied } of entries) {
    if (applied.budgetDelta) {
      budgetDelta = {
        amount: (budgetDelta?.amount ?? 0) + applied.budgetDelta.amount,
        currency: budgetDelta?.currency ?? applied.budgetDelta.currency,
      };
    }
    scopeItemsAdded += applied.scopeAdded;
    scopeItemsRemoved += applied.scopeRemoved;
    milestoneShiftDays += applied.milestoneShiftDays;
  }
  return { budgetDelta, scopeItemsAdded, scopeItemsRemoved, milestoneShiftDays };
}

function update(
  document: CssqHistory,
  id: unknown,
  change: (entry: CssqHistoryEntry) => CssqHistoryEntry,
): CssqHistory {
  const index = document.changeRequests.findIndex((entry) => entry.changeRequestId === id);
  if (index < 0) return document;
  const entries = document.changeRequests.map((entry, i) => (i === index ? change(entry) : entry));
  return { ...document, changeRequests: entries, cumulative: cumulativeOf(entries) };
}

const impactOf = (value: unknown): AssessedImpact =>
  (value ?? { impact: 'none' }) as AssessedImpact;

/** The CSSQ change history of a project (issue 4, DOMAIN.md read model 2). */
export const cssqHistoryProjection: Projection<CssqHistory> = defineProjection<
  CssqHistoryEvent,
  CssqHistory
>({
  name: 'cssq-history',
  collection: CSSQ_HISTORY,
  handles: {
    ProjectCreated: true,
    ChangeRequestRaised: true,
    ChangeRequestImpactAssessed: true,
    ChangeRequestDecided: true,
    BudgetChanged: true,
    ScopeChanged: true,
    ScheduleChanged: true,
    BaselineRevised: true,
    CustomerApprovalRecorded: true,
    ChangeRequestImplemented: true,
    ChangeRequestClosed: true,
    ChangeRequestWithdrawn: true,
  },

  documentId(event: ProjectedEvent<CssqHistoryEvent>): string | null {
    return event.data.projectId || null;
  },

  apply(document: CssqHistory | null, event: ProjectedEvent<CssqHistoryEvent>): CssqHistory | null {
    const { type, data } = event;
    if (type === 'ProjectCreated') {
      if (document) return document;
      const projectId = data.projectId;
      return {
        _id: projectId,
        position: event.position,
        projectId,
        programId: data.programId,
        changeRequests: [],
        cumulative: cumulativeOf([]),
      };
    }
    // No other event creates the history (P5: it may be replayed onto null).
    if (!document) return null;
    const id = data.changeRequestId;
    switch (type) {
      case 'ChangeRequestRaised': {
        if (document.changeRequests.some((entry) => entry.changeRequestId === id)) return document;
        const entry: CssqHistoryEntry = {
          changeRequestId: data.changeRequestId,
          title: data.title,
          origin: data.origin,
          categories: [...(data.categories ?? [])],
          requestedBy: data.requestedBy,
          supersedes: typeof data.supersedes === 'string' ? data.supersedes : null,
          raisedAt: event.recordedAt,
          impacts: null,
          outcome: null,
          decidedBy: null,
          authority: null,
          reason: null,
          decidedAt: null,
          leadTimeDays: null,
          customerSignatureRef: null,
          resultingBaselineVersion: null,
          applied: NO_CHANGES,
          implementedAt: null,
          closedAt: null,
          withdrawnAt: null,
          withdrawalReason: null,
        };
        const entries = [...document.changeRequests, entry];
        return { ...document, changeRequests: entries, cumulative: cumulativeOf(entries) };
      }
      case 'ChangeRequestImpactAssessed':
        return update(document, id, (entry) => ({
          ...entry,
          impacts: {
            cost: impactOf(data.cost),
            schedule: impactOf(data.schedule),
            scope: impactOf(data.scope),
            quality: impactOf(data.quality),
            contractual: data.contractual === true,
            baselineVersion: Number(data.baselineVersion),
            assessedBy: data.assessedBy,
          },
        }));
      case 'ChangeRequestDecided':
        return update(document, id, (entry) => ({
          ...entry,
          outcome: data.outcome,
          decidedBy: data.decidedBy,
          authority: data.authority,
          reason: data.reason,
          decidedAt: event.recordedAt,
          leadTimeDays:
            Math.round(
              ((Date.parse(event.recordedAt) - Date.parse(entry.raisedAt)) / DAY_MS) * 100,
            ) / 100,
        }));
      case 'BudgetChanged': {
        const { delta } = data;
        return update(document, id, (entry) => ({
          ...entry,
          applied: {
            ...entry.applied,
            budgetDelta: { amount: delta.amount, currency: delta.currency },
          },
        }));
      }
      case 'ScopeChanged': {
        const added = data.added ?? [];
        const removed = data.removed ?? [];
        return update(document, id, (entry) => ({
          ...entry,
          applied: { ...entry.applied, scopeAdded: added.length, scopeRemoved: removed.length },
        }));
      }
      case 'ScheduleChanged': {
        const shifts = data.milestoneShifts ?? [];
        return update(document, id, (entry) => ({
          ...entry,
          applied: {
            ...entry.applied,
            milestoneShiftDays: shifts.reduce((sum, shift) => sum + shift.days, 0),
          },
        }));
      }
      case 'BaselineRevised':
        return update(document, id, (entry) => ({
          ...entry,
          resultingBaselineVersion: Number(data.version),
        }));
      case 'CustomerApprovalRecorded':
        return update(document, id, (entry) => ({
          ...entry,
          customerSignatureRef: data.customerSignatureRef,
        }));
      case 'ChangeRequestImplemented':
        return update(document, id, (entry) => ({ ...entry, implementedAt: event.recordedAt }));
      case 'ChangeRequestClosed':
        return update(document, id, (entry) => ({ ...entry, closedAt: event.recordedAt }));
      case 'ChangeRequestWithdrawn':
        return update(document, id, (entry) => ({
          ...entry,
          withdrawnAt: event.recordedAt,
          withdrawalReason: data.reason,
        }));
      default:
        return assertNever(type);
    }
  },
});
