import type { ProgramStatus } from './portfolio-program.projection';
import { HEALTH_RANK, HEALTHS, type Health } from '../project-summary/project-health';
import {
  PROJECT_PHASES,
  type ProjectPhase,
  type ProjectSummary,
  type ProjectSummaryStatus,
} from '../project-summary/project-summary.projection';
import {
  exactMinorUnits,
  moneyTotal,
  ratioOfTotals,
  type MoneyTotal,
} from '../../money/money-total';

/**
 * A program's portfolio health (DOMAIN.md read model 6), rolled up at query time from the
 * program's project summaries (ARCHITECTURE: roll-ups over many documents are computed in
 * TypeScript, not stored). Pure.
 *
 * - Counts by phase and status cover every project of the program; counts by health and the
 *   worst-first list cover ACTIVE projects only (a closed project has no health to manage).
 * - Money is summed per currency (never converted), over the projects baselined in it:
 *   BAC original and current; PV over the projects whose PV is defined; EV and AC over the
 *   projects measured at a status date (see earned-value.ts). Sums are exact (BigInt): an
 *   amount is a number while a safe integer, else a decimal string (money/money-total.ts).
 * - Program SPI = Σ EV / Σ PV over the projects whose PV is defined; program CPI = Σ EV / Σ AC
 *   over the measured projects (sums, not averages of ratios, so a big project weighs more).
 *   Null when the denominator is 0.
 * - Worst first: health (red, amber, green, unknown), then the lower of SPI and CPI (undefined
 *   last), then name.
 */
export type PortfolioProject = Pick<
  ProjectSummary,
  | 'projectId'
  | 'name'
  | 'status'
  | 'phase'
  | 'health'
  | 'healthReasons'
  | 'originalBaseline'
  | 'currentBaseline'
  | 'earnedValue'
  | 'openChangeRequests'
  | 'openRisks'
  | 'openHighThreats'
>;

export interface PortfolioProgramInfo {
  readonly programId: string;
  readonly name: string;
  readonly status: ProgramStatus;
}

export interface PortfolioCurrencyTotals {
  readonly currency: string;
  /** Projects with a baseline in this currency. */
  readonly projects: number;
  /** Of those, measured at a status date (EV and AC summed). */
  readonly measuredProjects: number;
  readonly bacOriginal: MoneyTotal;
  readonly bacCurrent: MoneyTotal;
  readonly pv: MoneyTotal;
  readonly ev: MoneyTotal;
  readonly ac: MoneyTotal;
  readonly spi: number | null;
  readonly cpi: number | null;
}

export interface PortfolioProjectRow {
  readonly projectId: string;
  readonly name: string;
  readonly phase: ProjectPhase;
  readonly health: Health;
  readonly healthReasons: readonly string[];
  readonly spi: number | null;
  readonly cpi: number | null;
}

export interface ProgramPortfolio {
  readonly programId: string;
  readonly name: string;
  readonly status: ProgramStatus;
  readonly projects: number;
  readonly byHealth: Readonly<Record<Health, number>>;
  readonly byPhase: Readonly<Record<ProjectPhase, number>>;
  readonly byStatus: Readonly<Record<ProjectSummaryStatus, number>>;
  /** One entry per currency, sorted by currency code. */
  readonly totals: readonly PortfolioCurrencyTotals[];
  readonly openChangeRequests: number;
  readonly openRisks: number;
  readonly openHighThreats: number;
  /** Active projects, worst first, at most `limit`. */
  readonly worstProjects: readonly PortfolioProjectRow[];
}

interface Sums {
  projects: number;
  measuredProjects: number;
  bacOriginal: bigint;
  bacCurrent: bigint;
  pv: bigint;
  evWithPv: bigint;
  ev: bigint;
  ac: bigint;
}

const counts = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

function totalsOf(projects: readonly PortfolioProject[]): PortfolioCurrencyTotals[] {
  const byCurrency = new Map<string, Sums>();
  for (const project of projects) {
    const current = project.currentBaseline;
    if (!current) continue;
    const { currency } = current.budget;
    const sums = byCurrency.get(currency) ?? {
      projects: 0,
      measuredProjects: 0,
      bacOriginal: 0n,
      bacCurrent: 0n,
      pv: 0n,
      evWithPv: 0n,
      ev: 0n,
      ac: 0n,
    };
    sums.projects += 1;
    sums.bacOriginal += exactMinorUnits(project.originalBaseline?.budget.amount ?? 0);
    sums.bacCurrent += exactMinorUnits(current.budget.amount);
    const evm = project.earnedValue;
    if (evm?.ev && evm.ac) {
      sums.measuredProjects += 1;
      sums.ev += exactMinorUnits(evm.ev.amount);
      sums.ac += exactMinorUnits(evm.ac.amount);
      if (evm.pv) {
        sums.pv += exactMinorUnits(evm.pv.amount);
        sums.evWithPv += exactMinorUnits(evm.ev.amount);
      }
    }
    byCurrency.set(currency, sums);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, sums]) => ({
      currency,
      projects: sums.projects,
      measuredProjects: sums.measuredProjects,
      bacOriginal: moneyTotal(sums.bacOriginal, currency),
      bacCurrent: moneyTotal(sums.bacCurrent, currency),
      pv: moneyTotal(sums.pv, currency),
      ev: moneyTotal(sums.ev, currency),
      ac: moneyTotal(sums.ac, currency),
      spi: ratioOfTotals(sums.evWithPv, sums.pv),
      cpi: ratioOfTotals(sums.ev, sums.ac),
    }));
}

/** The lower of SPI and CPI; Infinity when neither is defined (sorts last). */
function worstIndex(row: PortfolioProjectRow): number {
  const defined = [row.spi, row.cpi].filter((value): value is number => value !== null);
  return defined.length === 0 ? Infinity : Math.min(...defined);
}

function compareRows(a: PortfolioProjectRow, b: PortfolioProjectRow): number {
  return (
    HEALTH_RANK[a.health] - HEALTH_RANK[b.health] ||
    (worstIndex(a) === worstIndex(b) ? 0 : worstIndex(a) < worstIndex(b) ? -1 : 1) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
    (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0)
  );
}

/** The portfolio of `program` from its projects' summaries; `limit` bounds the worst list. */
export function programPortfolio(
  program: PortfolioProgramInfo,
  projects: readonly PortfolioProject[],
  limit = 10,
): ProgramPortfolio {
  const byHealth = counts(HEALTHS);
  const byPhase = counts(PROJECT_PHASES);
  const byStatus = counts<ProjectSummaryStatus>(['active', 'closed']);
  let openChangeRequests = 0;
  let openRisks = 0;
  let openHighThreats = 0;
  const rows: PortfolioProjectRow[] = [];
  for (const project of projects) {
    byPhase[project.phase] += 1;
    byStatus[project.status] += 1;
    openChangeRequests += project.openChangeRequests;
    openRisks += project.openRisks;
    openHighThreats += project.openHighThreats;
    if (project.status !== 'active') continue;
    byHealth[project.health] += 1;
    rows.push({
      projectId: project.projectId,
      name: project.name,
      phase: project.phase,
      health: project.health,
      healthReasons: project.healthReasons,
      spi: project.earnedValue?.spi ?? null,
      cpi: project.earnedValue?.cpi ?? null,
    });
  }
  return {
    programId: program.programId,
    name: program.name,
    status: program.status,
    projects: projects.length,
    byHealth,
    byPhase,
    byStatus,
    totals: totalsOf(projects),
    openChangeRequests,
    openRisks,
    openHighThreats,
    worstProjects: rows.sort(compareRows).slice(0, limit),
  };
}
