import type {
  RiskAssessmentEntry,
  RiskMoney,
  RiskRegisterEntry,
  RiskRegisterProject,
} from './risk-register.projection';
import { publicItem, type PublicItem } from '../public-item';
import { exactMinorUnits, moneyTotal, type MoneyTotal } from '../../money/money-total';

/**
 * Risk exposure roll-ups, computed at query time from `risk_register` documents for one day
 * (`asOf`, YYYY-MM-DD): pure, no clock. The rules:
 * - `current` assessment of a risk = its residual assessment when one was made, else its
 *   inherent one (a risk without a planned response still carries its inherent exposure);
 *   `score` = the current score.
 * - Heat maps count OPEN risks that were assessed, per kind, on the 5×5 grid
 *   `grid[probability − 1][impact − 1]` (rows: probability 1..5, columns: impact 1..5), once by
 *   inherent and once by current (residual) assessment, so both maps hold the same risks.
 * - EMV totals are over open, assessed risks, per currency, in minor units as recorded (threat
 *   EMV is negative, opportunity EMV positive); net = threat + opportunity. Occurred risks are
 *   issues (their cost is actual, not expected) and closed ones are gone: neither counts.
 *   Every money sum is exact (BigInt): a number while a safe integer, else a decimal string
 *   (money/money-total.ts).
 * - Overdue (risks not closed): a review is overdue when `nextReviewOn` is before `asOf`; an
 *   action when it is still open or in progress and its `dueOn` is before `asOf`.
 * - Contingency (risks not closed with a reserve): reserve, drawn and remaining per currency.
 */
export const RISK_SCALE_SIZE = 5;

/** `grid[probability − 1][impact − 1]` = number of risks. */
export type RiskHeatMap = readonly (readonly number[])[];

export interface RiskHeatMaps {
  readonly inherent: RiskHeatMap;
  readonly residual: RiskHeatMap;
}

/** Money of the entry's currency, before and after the response, summed over the risks. */
export interface InherentResidual {
  readonly inherent: MoneyTotal;
  readonly residual: MoneyTotal;
}

/**
 * One currency's sums: risks in several currencies are never added together, so a summary is a
 * list with one entry per currency (its `currency` is the group key; every figure is money).
 */
export interface EmvTotals {
  readonly currency: string;
  readonly threat: InherentResidual;
  readonly opportunity: InherentResidual;
  readonly net: InherentResidual;
}

export interface ContingencyTotals {
  readonly currency: string;
  readonly reserve: MoneyTotal;
  readonly drawn: MoneyTotal;
  readonly remaining: MoneyTotal;
}

export interface RiskExposureSummary {
  readonly counts: {
    readonly total: number;
    readonly open: number;
    readonly occurred: number;
    readonly closed: number;
    /** Open risks never assessed. */
    readonly unassessed: number;
    /** Escalated risks not closed. */
    readonly escalated: number;
  };
  readonly heatMap: { readonly threat: RiskHeatMaps; readonly opportunity: RiskHeatMaps };
  /** Sorted by currency. */
  readonly emv: readonly EmvTotals[];
  readonly overdue: {
    readonly reviews: number;
    readonly actions: number;
    readonly risksWithOverdueActions: number;
  };
  readonly contingency: readonly ContingencyTotals[];
}

/**
 * A register line as answered: the risk without the store's fields (`_id`, `position`) and the
 * document's `type` discriminator (every line is a risk).
 */
export interface RiskRegisterItem extends Omit<PublicItem<RiskRegisterEntry>, 'type'> {
  /** The residual score when assessed, else the inherent one; null before any assessment. */
  readonly score: number | null;
  readonly reviewOverdue: boolean;
  readonly openActions: number;
  readonly overdueActions: number;
  readonly contingencyRemaining: RiskMoney | null;
}

export const RISK_SORTS = [
  '-score',
  'score',
  '-inherentScore',
  'inherentScore',
  '-raisedAt',
  'raisedAt',
] as const;
export type RiskSort = (typeof RISK_SORTS)[number];

const OPEN_ACTION_STATUSES: readonly string[] = ['open', 'in-progress'];

const currentOf = (risk: RiskRegisterEntry): RiskAssessmentEntry | null =>
  risk.residual ?? risk.inherent;

function isOpenAction(action: RiskRegisterEntry['actions'][number]): boolean {
  return OPEN_ACTION_STATUSES.includes(action.status);
}

function overdueActionsOf(risk: RiskRegisterEntry, asOf: string): number {
  if (risk.status === 'closed') return 0;
  return risk.actions.filter((action) => isOpenAction(action) && action.dueOn < asOf).length;
}

function reviewOverdue(risk: RiskRegisterEntry, asOf: string): boolean {
  return risk.status !== 'closed' && risk.nextReviewOn !== null && risk.nextReviewOn < asOf;
}

/** A register line: the risk and what `asOf` makes of it. */
export function riskRegisterItem(risk: RiskRegisterEntry, asOf: string): RiskRegisterItem {
  const reserve = risk.response?.contingencyReserve ?? null;
  const { type: _type, ...item } = publicItem(risk);
  return {
    ...item,
    score: currentOf(risk)?.score ?? null,
    reviewOverdue: reviewOverdue(risk, asOf),
    openActions: risk.actions.filter(isOpenAction).length,
    overdueActions: overdueActionsOf(risk, asOf),
    contingencyRemaining:
      reserve === null
        ? null
        : {
            amount: reserve.amount - (risk.contingencyDrawn?.amount ?? 0),
            currency: reserve.currency,
          },
  };
}

/** Sorted as asked; risks without the sort key come last either way; then raised, then id. */
export function sortRiskItems(
  items: readonly RiskRegisterItem[],
  sort: RiskSort = '-score',
): RiskRegisterItem[] {
  const descending = sort.startsWith('-');
  const field = sort.replace(/^-/, '');
  const keyOf = (item: RiskRegisterItem): number | string | null =>
    field === 'score'
      ? item.score
      : field === 'inherentScore'
        ? (item.inherent?.score ?? null)
        : item.raisedAt;
  return [...items].sort((a, b) => {
    const [x, y] = [keyOf(a), keyOf(b)];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      const order = x < y ? -1 : 1;
      return descending ? -order : order;
    }
    return a.raisedAt.localeCompare(b.raisedAt) || a.riskId.localeCompare(b.riskId);
  });
}

const emptyGrid = (): number[][] =>
  Array.from({ length: RISK_SCALE_SIZE }, () => Array<number>(RISK_SCALE_SIZE).fill(0));

function place(grid: number[][], assessment: RiskAssessmentEntry): void {
  const row = grid[assessment.probability - 1];
  if (row === undefined || assessment.impact < 1 || assessment.impact > RISK_SCALE_SIZE) return;
  row[assessment.impact - 1] = (row[assessment.impact - 1] ?? 0) + 1;
}

interface MutableEmv {
  threat: { inherent: bigint; residual: bigint };
  opportunity: { inherent: bigint; residual: bigint };
}

function bucket<T>(map: Map<string, T>, currency: string, create: () => T): T {
  const found = map.get(currency);
  if (found !== undefined) return found;
  const created = create();
  map.set(currency, created);
  return created;
}

/** The exposure of a set of risks (one project's register, or a program's) as of `asOf`. */
export function riskExposure(
  risks: readonly RiskRegisterEntry[],
  asOf: string,
): RiskExposureSummary {
  const maps = {
    threat: { inherent: emptyGrid(), residual: emptyGrid() },
    opportunity: { inherent: emptyGrid(), residual: emptyGrid() },
  };
  const emv = new Map<string, MutableEmv>();
  const contingency = new Map<string, { reserve: bigint; drawn: bigint }>();
  const newEmv = (): MutableEmv => ({
    threat: { inherent: 0n, residual: 0n },
    opportunity: { inherent: 0n, residual: 0n },
  });
  const counts = { total: 0, open: 0, occurred: 0, closed: 0, unassessed: 0, escalated: 0 };
  const overdue = { reviews: 0, actions: 0, risksWithOverdueActions: 0 };

  for (const risk of risks) {
    counts.total += 1;
    counts[risk.status] += 1;
    if (risk.status !== 'closed') {
      if (risk.escalation !== null) counts.escalated += 1;
      if (reviewOverdue(risk, asOf)) overdue.reviews += 1;
      const late = overdueActionsOf(risk, asOf);
      overdue.actions += late;
      if (late > 0) overdue.risksWithOverdueActions += 1;
      const reserve = risk.response?.contingencyReserve ?? null;
      if (reserve !== null) {
        const totals = bucket(contingency, reserve.currency, () => ({ reserve: 0n, drawn: 0n }));
        totals.reserve += exactMinorUnits(reserve.amount);
        totals.drawn += exactMinorUnits(risk.contingencyDrawn?.amount ?? 0);
      }
    }
    if (risk.status !== 'open') continue;
    const { inherent } = risk;
    const current = currentOf(risk);
    if (inherent === null || current === null) {
      counts.unassessed += 1;
      continue;
    }
    const kind = risk.kind === 'opportunity' ? 'opportunity' : 'threat';
    place(maps[kind].inherent, inherent);
    place(maps[kind].residual, current);
    const { expectedMonetaryValue: before } = inherent;
    const { expectedMonetaryValue: after } = current;
    bucket(emv, before.currency, newEmv)[kind].inherent += exactMinorUnits(before.amount);
    bucket(emv, after.currency, newEmv)[kind].residual += exactMinorUnits(after.amount);
  }

  const inCurrency =
    (currency: string) =>
    (inherent: bigint, residual: bigint): InherentResidual => ({
      inherent: moneyTotal(inherent, currency),
      residual: moneyTotal(residual, currency),
    });
  return {
    counts,
    heatMap: maps,
    emv: [...emv.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, { threat, opportunity }]) => {
        const pair = inCurrency(currency);
        return {
          currency,
          threat: pair(threat.inherent, threat.residual),
          opportunity: pair(opportunity.inherent, opportunity.residual),
          net: pair(threat.inherent + opportunity.inherent, threat.residual + opportunity.residual),
        };
      }),
    overdue,
    contingency: [...contingency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, { reserve, drawn }]) => ({
        currency,
        reserve: moneyTotal(reserve, currency),
        drawn: moneyTotal(drawn, currency),
        remaining: moneyTotal(reserve - drawn, currency),
      })),
  };
}

export interface ProjectRiskExposure {
  readonly projectId: string;
  readonly name: string;
  readonly summary: RiskExposureSummary;
}

export interface ProgramRiskExposure {
  readonly summary: RiskExposureSummary;
  /** Every project of the program (also those without risks), by name then id. */
  readonly projects: readonly ProjectRiskExposure[];
}

/** The program roll-up: the exposure of all its projects' risks, and per project. */
export function programRiskExposure(
  projects: readonly RiskRegisterProject[],
  risks: readonly RiskRegisterEntry[],
  asOf: string,
): ProgramRiskExposure {
  const ids = new Set(projects.map((project) => project.projectId));
  const own = risks.filter((risk) => ids.has(risk.projectId));
  return {
    summary: riskExposure(own, asOf),
    projects: [...projects]
      .sort((a, b) => a.name.localeCompare(b.name) || a.projectId.localeCompare(b.projectId))
      .map((project) => ({
        projectId: project.projectId,
        name: project.name,
        summary: riskExposure(
          own.filter((risk) => risk.projectId === project.projectId),
          asOf,
        ),
      })),
  };
}
