import {
  addCalendarDays,
  assertSameCurrency,
  calendarDateGuard,
  duplicatesIn,
  isBoundedMinorUnits,
  type Money,
} from '../shared';
import { projectErrors } from './project.errors';

/**
 * The project's baseline (BAC, scope, milestones, quality criteria) and the pure rules that
 * revise it. Baselines are immutable (DOMAIN.md principle 6): a revision is a new version.
 */
export interface ScopeItem {
  readonly id: string;
  readonly title: string;
}
export interface Milestone {
  readonly id: string;
  readonly title: string;
  /** Calendar date YYYY-MM-DD. */
  readonly dueOn: string;
  /** The contract obligation this milestone fulfils, if any. */
  readonly obligationId: string | null;
}
export interface QualityCriterion {
  readonly id: string;
  readonly criterion: string;
  readonly target: string;
}
export interface BaselineContent {
  /** Budget at completion (BAC). */
  readonly budget: Money;
  readonly scope: readonly ScopeItem[];
  readonly milestones: readonly Milestone[];
  readonly quality: readonly QualityCriterion[];
}
export interface BaselineVersion extends BaselineContent {
  /** 1 for the baseline as established; +1 per approved change request. */
  readonly version: number;
  /** The approved change request that produced this version; null for version 1. */
  readonly changeRequestId: string | null;
}

/** Each CSSQ dimension of an impact assessment says explicitly 'none' or what changes. */
export interface NoImpact {
  readonly impact: 'none';
}
export type CostImpact = NoImpact | { readonly impact: 'change'; readonly budgetDelta: Money };
export interface MilestoneShift {
  readonly milestoneId: string;
  /** Whole calendar days, positive = later. */
  readonly days: number;
}
export type ScheduleImpact =
  NoImpact | { readonly impact: 'change'; readonly milestoneShifts: readonly MilestoneShift[] };
export type ScopeImpact =
  | NoImpact
  | {
      readonly impact: 'change';
      readonly add: readonly ScopeItem[];
      readonly remove: readonly string[];
    };
/** Quality criteria are upserted by id: a known id replaces the criterion, a new id adds one. */
export type QualityImpact =
  NoImpact | { readonly impact: 'change'; readonly criteria: readonly QualityCriterion[] };
export interface CssqImpact {
  readonly cost: CostImpact;
  readonly schedule: ScheduleImpact;
  readonly scope: ScopeImpact;
  readonly quality: QualityImpact;
}

export interface AppliedMilestoneShift extends MilestoneShift {
  readonly from: string;
  readonly to: string;
}
/** A revised baseline and the CSSQ facts the revision causes (null = dimension unchanged). */
export interface BaselineRevision {
  readonly baseline: BaselineVersion;
  readonly scope: {
    readonly added: readonly ScopeItem[];
    readonly removed: readonly ScopeItem[];
  } | null;
  readonly schedule: { readonly milestoneShifts: readonly AppliedMilestoneShift[] } | null;
  readonly budget: {
    readonly delta: Money;
    readonly previousBudget: Money;
    readonly newBudget: Money;
  } | null;
  readonly quality: { readonly criteria: readonly QualityCriterion[] } | null;
}

function assertUnique(field: string, values: readonly string[]): void {
  const duplicates = duplicatesIn(values);
  if (duplicates.length > 0) throw projectErrors.duplicateEntries(field, duplicates);
}

/** Money in integer minor units; `allowNegative` for deltas and credit notes. */
export function assertMinorUnits(field: string, money: Money, allowNegative = false): void {
  if (!isBoundedMinorUnits(money.amount) || (!allowNegative && money.amount < 0)) {
    throw projectErrors.invalidMoneyAmount(field, money.amount);
  }
}

/** A calendar date, refused with the project's own code (`invalid-calendar-date`). */
export const assertCalendarDate = calendarDateGuard(projectErrors.invalidCalendarDate);

/** A baseline as established: unique ids per list, valid due dates, a non-negative BAC. */
export function assertBaselineContent(content: BaselineContent): void {
  assertMinorUnits('budget', content.budget);
  assertUnique(
    'scope',
    content.scope.map((item) => item.id),
  );
  assertUnique(
    'milestones',
    content.milestones.map((milestone) => milestone.id),
  );
  assertUnique(
    'quality',
    content.quality.map((criterion) => criterion.id),
  );
  for (const milestone of content.milestones) {
    assertCalendarDate(`milestones.${milestone.id}.dueOn`, milestone.dueOn);
  }
}

/** An impact assessment must make sense against the baseline it would revise. */
export function assertImpactFits(baseline: BaselineContent, impact: CssqImpact): void {
  const { cost, schedule, scope, quality } = impact;
  if (cost.impact === 'change') {
    assertMinorUnits('cost.budgetDelta', cost.budgetDelta, true);
    if (cost.budgetDelta.amount === 0) throw projectErrors.impactChangeEmpty('cost');
    assertSameCurrency(baseline.budget, cost.budgetDelta);
    const newAmount = baseline.budget.amount + cost.budgetDelta.amount;
    if (newAmount < 0) throw projectErrors.budgetWouldBecomeNegative(newAmount);
    // The revised BAC is one figure in every roll-up: it stays within the bound of one amount.
    assertMinorUnits('budget after the change', { ...baseline.budget, amount: newAmount });
  }
  if (schedule.impact === 'change') {
    if (schedule.milestoneShifts.length === 0) throw projectErrors.impactChangeEmpty('schedule');
    assertUnique(
      'schedule.milestoneShifts',
      schedule.milestoneShifts.map((s) => s.milestoneId),
    );
    for (const shift of schedule.milestoneShifts) {
      if (!Number.isSafeInteger(shift.days) || shift.days === 0) {
        throw projectErrors.invalidShiftDays(shift.milestoneId, shift.days);
      }
    }
    const known = new Set(baseline.milestones.map((m) => m.id));
    const unknown = schedule.milestoneShifts
      .map((s) => s.milestoneId)
      .filter((id) => !known.has(id));
    if (unknown.length > 0) throw projectErrors.unknownMilestone(unknown);
  }
  if (scope.impact === 'change') {
    if (scope.add.length === 0 && scope.remove.length === 0)
      throw projectErrors.impactChangeEmpty('scope');
    assertUnique('scope', [...scope.add.map((item) => item.id), ...scope.remove]);
    const known = new Set(baseline.scope.map((item) => item.id));
    const unknown = scope.remove.filter((id) => !known.has(id));
    if (unknown.length > 0) throw projectErrors.unknownScopeItem(unknown);
    const existing = scope.add.map((item) => item.id).filter((id) => known.has(id));
    if (existing.length > 0) throw projectErrors.scopeItemAlreadyExists(existing);
  }
  if (quality.impact === 'change') {
    if (quality.criteria.length === 0) throw projectErrors.impactChangeEmpty('quality');
    assertUnique(
      'quality.criteria',
      quality.criteria.map((c) => c.id),
    );
  }
}

/**
 * The next baseline version an approved change request produces, and the facts per dimension.
 * Scope: removed items leave, added items are appended. Schedule: each shifted milestone's due
 * date moves by whole days from its current date. Quality: criteria upserted by id.
 */
export function reviseBaseline(
  current: BaselineVersion,
  impact: CssqImpact,
  changeRequestId: string,
): BaselineRevision {
  assertImpactFits(current, impact);
  const { cost, schedule, scope, quality } = impact;

  const budget =
    cost.impact === 'change'
      ? {
          delta: cost.budgetDelta,
          previousBudget: current.budget,
          newBudget: {
            amount: current.budget.amount + cost.budgetDelta.amount,
            currency: current.budget.currency,
          },
        }
      : null;

  const scopeChange =
    scope.impact === 'change'
      ? {
          added: scope.add.map(({ id, title }) => ({ id, title })),
          removed: current.scope.filter((item) => scope.remove.includes(item.id)),
        }
      : null;

  const shifts: AppliedMilestoneShift[] =
    schedule.impact === 'change'
      ? current.milestones.flatMap((milestone) => {
          const shift = schedule.milestoneShifts.find((s) => s.milestoneId === milestone.id);
          return shift
            ? [
                {
                  milestoneId: milestone.id,
                  days: shift.days,
                  from: milestone.dueOn,
                  to: addCalendarDays(milestone.dueOn, shift.days),
                },
              ]
            : [];
        })
      : [];

  const criteria =
    quality.impact === 'change'
      ? quality.criteria.map(({ id, criterion, target }) => ({ id, criterion, target }))
      : [];
  const upserted = current.quality.map(
    (existing) => criteria.find((c) => c.id === existing.id) ?? existing,
  );
  const appended = criteria.filter(
    (c) => !current.quality.some((existing) => existing.id === c.id),
  );

  return {
    baseline: {
      version: current.version + 1,
      changeRequestId,
      budget: budget ? budget.newBudget : current.budget,
      scope: scopeChange
        ? [...current.scope.filter((item) => !isRemoved(scope, item.id)), ...scopeChange.added]
        : current.scope,
      milestones: current.milestones.map((milestone) => {
        const shift = shifts.find((s) => s.milestoneId === milestone.id);
        return shift ? { ...milestone, dueOn: shift.to } : milestone;
      }),
      quality: [...upserted, ...appended],
    },
    scope: scopeChange,
    schedule: schedule.impact === 'change' ? { milestoneShifts: shifts } : null,
    budget,
    quality: quality.impact === 'change' ? { criteria } : null,
  };
}

function isRemoved(scope: ScopeImpact, id: string): boolean {
  return scope.impact === 'change' && scope.remove.includes(id);
}
