import type {
  BaselineRevision,
  CostImpact,
  CssqImpact,
  QualityImpact,
  ScheduleImpact,
  ScopeImpact,
} from './baseline';
import type { AssessChangeRequestImpact } from './change-request.commands';
import { changeRequestErrors } from './change-request.errors';
import type { ChangeRequestEvent } from './change-request.events';

export const CSSQ_DIMENSIONS = ['cost', 'schedule', 'scope', 'quality'] as const;

/** Keeps only the fields of each dimension (the body may carry more); undefined = not assessed. */
export function normaliseImpact(data: AssessChangeRequestImpact['data']): CssqImpact {
  const given = data as Partial<Record<(typeof CSSQ_DIMENSIONS)[number], { impact?: unknown }>>;
  const missing = CSSQ_DIMENSIONS.filter(
    (dimension) => given[dimension]?.impact !== 'none' && given[dimension]?.impact !== 'change',
  );
  if (missing.length > 0) throw changeRequestErrors.assessmentIncomplete(missing);
  const { cost, schedule, scope, quality } = data;
  const none = { impact: 'none' } as const;
  const costImpact: CostImpact =
    cost.impact === 'none'
      ? none
      : {
          impact: 'change',
          budgetDelta: { amount: cost.budgetDelta.amount, currency: cost.budgetDelta.currency },
        };
  const scheduleImpact: ScheduleImpact =
    schedule.impact === 'none'
      ? none
      : {
          impact: 'change',
          milestoneShifts: schedule.milestoneShifts.map(({ milestoneId, days }) => ({
            milestoneId,
            days,
          })),
        };
  const scopeImpact: ScopeImpact =
    scope.impact === 'none'
      ? none
      : {
          impact: 'change',
          add: scope.add.map(({ id, title }) => ({ id, title })),
          remove: [...scope.remove],
        };
  const qualityImpact: QualityImpact =
    quality.impact === 'none'
      ? none
      : {
          impact: 'change',
          criteria: quality.criteria.map(({ id, criterion, target }) => ({
            id,
            criterion,
            target,
          })),
        };
  return { cost: costImpact, schedule: scheduleImpact, scope: scopeImpact, quality: qualityImpact };
}

/**
 * The CSSQ facts an approval causes, in contract order: ScopeChanged, ScheduleChanged,
 * BudgetChanged, QualityCriteriaChanged (each only when its dimension changes), then always
 * BaselineRevised with the full new baseline.
 */
export function approvalEvents(
  projectId: string,
  changeRequestId: string,
  revision: BaselineRevision,
): ChangeRequestEvent[] {
  const events: ChangeRequestEvent[] = [];
  if (revision.scope) {
    events.push({ type: 'ScopeChanged', data: { projectId, changeRequestId, ...revision.scope } });
  }
  if (revision.schedule) {
    events.push({
      type: 'ScheduleChanged',
      data: { projectId, changeRequestId, ...revision.schedule },
    });
  }
  if (revision.budget) {
    events.push({
      type: 'BudgetChanged',
      data: { projectId, changeRequestId, ...revision.budget },
    });
  }
  if (revision.quality) {
    events.push({
      type: 'QualityCriteriaChanged',
      data: { projectId, changeRequestId, ...revision.quality },
    });
  }
  const { version, changeRequestId: _changeRequestId, ...baseline } = revision.baseline;
  events.push({ type: 'BaselineRevised', data: { projectId, changeRequestId, version, baseline } });
  return events;
}
