import { assessLiquidatedDamages, calendarDaysBetween, percentOfMinorUnits } from '@ledger/domain';
import type {
  ComplianceMoney,
  ComplianceObligation,
  ComplianceRemedy,
  ComplianceWindow,
  ContractComplianceDocument,
  ContractMilestoneLinks,
} from './contract-compliance.projection';
import { moneyTotal, sumMinorUnits, type MoneyTotal } from '../../money/money-total';

/**
 * The contractual compliance answer for one day (`asOf`), computed at query time from the
 * `contract_compliance` documents: pure, no clock (the caller passes the day).
 *
 * Status of an obligation as of `asOf` (first rule that holds):
 * 1. `fulfilled`: ObligationFulfilled was recorded (even after a recorded miss: it was met late).
 * 2. `missed`: ObligationMissed was recorded, or its deadline has passed unmet (`asOf` is after
 *    the due date / end of window): a PMO treats an overdue obligation as missed whether or not
 *    someone recorded it yet (`missed` says whether it was recorded, and why).
 * 3. `at-risk`: its forecast date is later than its deadline, or the deadline is within
 *    {@link AT_RISK_WINDOW_DAYS} days of `asOf` (0–14 days ahead, deadline day included).
 * 4. `due`: otherwise.
 *
 * Forecast date: the obligation is fulfilled by the baseline milestones linked to it (in any
 * project of the contract); each milestone's date is its project's latest forecast for it, or
 * its current baseline due date when none was forecast; the obligation's forecast is the latest
 * of them (null when no milestone links to it).
 *
 * LD figures (obligations whose remedy is liquidated damages; minor units, contract currency,
 * against the current, possibly amended, contract value), with the domain's own arithmetic
 * (liquidated-damages.ts: grace deducted, started weeks, rounding, per-obligation cap):
 * - accrued / waived: what LiquidatedDamagesAccrued / Waived recorded; net = accrued − waived;
 * - cap: capPct of the contract value; headroom = cap − accrued, never below 0;
 * - forecast: what the clause gives in total when the obligation is met on the day it is
 *   expected: its fulfilment day when fulfilled; otherwise the later of its forecast date (or
 *   its deadline without one) and `asOf` (an unmet obligation is late at least until today);
 *   never below what was already accrued.
 * Contract totals are the sums over those obligations (the cap is per obligation in the domain,
 * so the contract's cap is the sum of its obligations' caps).
 */
export const AT_RISK_WINDOW_DAYS = 14;

export const OBLIGATION_STATUSES = ['missed', 'at-risk', 'due', 'fulfilled'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/** Every figure in the contract's currency (its value's), as money like every other amount. */
export interface ObligationLiquidatedDamagesFigures {
  readonly accrued: ComplianceMoney;
  readonly waived: ComplianceMoney;
  readonly net: ComplianceMoney;
  readonly forecast: ComplianceMoney;
  readonly cap: ComplianceMoney;
  readonly headroom: ComplianceMoney;
  readonly capReached: boolean;
  readonly accruedAsOf: string | null;
}

export interface ObligationMilestone {
  readonly projectId: string;
  readonly milestoneId: string;
  readonly title: string;
  readonly baselineDueOn: string;
  /** The project's latest forecast for the milestone; null when none. */
  readonly forecastOn: string | null;
}

export interface ObligationCompliance {
  readonly obligationId: string;
  readonly kind: string;
  readonly title: string;
  readonly status: ObligationStatus;
  readonly evidenceRule: string | null;
  readonly dueOn: string | null;
  readonly measurementWindow: ComplianceWindow | null;
  /** Planned: the contractual deadline (as amended) and as first registered. */
  readonly plannedOn: string;
  readonly originalPlannedOn: string;
  /** Forecast: see the rules above; slip = days from the deadline to the forecast (+ = late). */
  readonly forecastOn: string | null;
  readonly forecastSlipDays: number | null;
  /** Days from `asOf` to the deadline (negative once it has passed). */
  readonly daysToDeadline: number;
  /** Actual: the fulfilment day, and days after the deadline (0 when on time). */
  readonly actualOn: string | null;
  readonly daysLate: number | null;
  readonly onTime: boolean | null;
  readonly evidence: { readonly kind: string; readonly ref: string } | null;
  readonly missed: { readonly missedAsOf: string; readonly reason: string } | null;
  readonly remedy: ComplianceRemedy | null;
  readonly liquidatedDamages: ObligationLiquidatedDamagesFigures | null;
  readonly milestones: readonly ObligationMilestone[];
}

export interface ComplianceStatusCounts {
  readonly due: number;
  readonly atRisk: number;
  readonly fulfilled: number;
  readonly missed: number;
  readonly total: number;
}

/**
 * The sums over the obligations. One currency only: every LD figure of a contract is a share of
 * its value, so all are in the value's currency (no per-currency list is needed here). Each sum
 * is exact (BigInt): a number while a safe integer, else a decimal string (money/money-total.ts).
 */
export interface ContractLiquidatedDamagesTotals {
  readonly accrued: MoneyTotal;
  readonly waived: MoneyTotal;
  readonly net: MoneyTotal;
  readonly forecast: MoneyTotal;
  readonly cap: MoneyTotal;
  readonly headroom: MoneyTotal;
}

export interface ContractComplianceReport {
  readonly contractId: string;
  readonly programId: string;
  readonly customerId: string;
  readonly title: string;
  readonly value: ComplianceMoney;
  readonly originalValue: ComplianceMoney;
  readonly signedOn: string;
  readonly keyProject: ContractComplianceDocument['keyProject'];
  readonly amendments: ContractComplianceDocument['amendments'];
  /** The day statuses and forecasts are computed for. */
  readonly asOf: string;
  readonly counts: ComplianceStatusCounts;
  /** Grouped by status (missed, at-risk, due, fulfilled), then by deadline. */
  readonly obligations: readonly ObligationCompliance[];
  readonly liquidatedDamages: ContractLiquidatedDamagesTotals;
}

const laterOf = (a: string, b: string): string => (a >= b ? a : b);

function milestonesOf(
  obligationId: string,
  links: readonly ContractMilestoneLinks[],
): ObligationMilestone[] {
  return links
    .flatMap((project) =>
      project.milestones
        .filter((milestone) => milestone.obligationId === obligationId)
        .map((milestone) => ({
          projectId: project.projectId,
          milestoneId: milestone.milestoneId,
          title: milestone.title,
          baselineDueOn: milestone.dueOn,
          forecastOn:
            project.forecasts.find((f) => f.milestoneId === milestone.milestoneId)?.forecastOn ??
            null,
        })),
    )
    .sort(
      (a, b) =>
        a.projectId.localeCompare(b.projectId) || a.milestoneId.localeCompare(b.milestoneId),
    );
}

/** The latest of the linked milestones' dates (forecast, else baseline); null without any. */
function forecastOf(milestones: readonly ObligationMilestone[]): string | null {
  return milestones.reduce<string | null>((latest, m) => {
    const date = m.forecastOn ?? m.baselineDueOn;
    return latest === null ? date : laterOf(latest, date);
  }, null);
}

export function obligationStatus(
  obligation: ComplianceObligation,
  forecastOn: string | null,
  asOf: string,
): ObligationStatus {
  if (obligation.fulfilment !== null) return 'fulfilled';
  const daysToDeadline = calendarDaysBetween(asOf, obligation.deadline);
  if (obligation.missed !== null || daysToDeadline < 0) return 'missed';
  if (forecastOn !== null && forecastOn > obligation.deadline) return 'at-risk';
  return daysToDeadline <= AT_RISK_WINDOW_DAYS ? 'at-risk' : 'due';
}

function liquidatedDamagesOf(
  obligation: ComplianceObligation,
  value: ComplianceMoney,
  forecastOn: string | null,
  asOf: string,
): ObligationLiquidatedDamagesFigures | null {
  const { remedy, fulfilment, deadline } = obligation;
  if (remedy?.kind !== 'liquidated-damages') return null;
  const { accrued, waived, capReached, accruedAsOf } = obligation.liquidatedDamages;
  const metOn = fulfilment?.fulfilledOn ?? laterOf(forecastOn ?? deadline, asOf);
  const expected = assessLiquidatedDamages({
    contractValue: value,
    deadline,
    terms: remedy,
    asOf: metOn,
    fulfilledOn: fulfilment?.fulfilledOn ?? null,
  });
  const cap = percentOfMinorUnits(value.amount, remedy.capPct);
  const money = (amount: number): ComplianceMoney => ({ amount, currency: value.currency });
  return {
    accrued: money(accrued),
    waived: money(waived),
    net: money(accrued - waived),
    forecast: money(Math.max(expected.total.amount, accrued)),
    cap: money(cap),
    headroom: money(Math.max(0, cap - accrued)),
    capReached,
    accruedAsOf,
  };
}

function obligationCompliance(
  obligation: ComplianceObligation,
  value: ComplianceMoney,
  links: readonly ContractMilestoneLinks[],
  asOf: string,
): ObligationCompliance {
  const milestones = milestonesOf(obligation.obligationId, links);
  const forecastOn = forecastOf(milestones);
  const { fulfilment, missed, deadline } = obligation;
  return {
    obligationId: obligation.obligationId,
    kind: obligation.kind,
    title: obligation.title,
    status: obligationStatus(obligation, forecastOn, asOf),
    evidenceRule: obligation.evidenceRule,
    dueOn: obligation.dueOn,
    measurementWindow: obligation.measurementWindow,
    plannedOn: deadline,
    originalPlannedOn: obligation.originalDeadline,
    forecastOn,
    forecastSlipDays: forecastOn === null ? null : calendarDaysBetween(deadline, forecastOn),
    daysToDeadline: calendarDaysBetween(asOf, deadline),
    actualOn: fulfilment?.fulfilledOn ?? null,
    daysLate:
      fulfilment === null
        ? null
        : Math.max(0, calendarDaysBetween(deadline, fulfilment.fulfilledOn)),
    onTime: fulfilment?.onTime ?? null,
    evidence: fulfilment?.evidence ?? null,
    missed: missed === null ? null : { missedAsOf: missed.missedAsOf, reason: missed.reason },
    remedy: obligation.remedy,
    liquidatedDamages: liquidatedDamagesOf(obligation, value, forecastOn, asOf),
    milestones,
  };
}

/** The compliance report of `contract` as of `asOf` (YYYY-MM-DD), joined with its projects' links. */
export function contractComplianceReport(
  contract: ContractComplianceDocument,
  links: readonly ContractMilestoneLinks[],
  asOf: string,
): ContractComplianceReport {
  const ownLinks = links.filter((project) => project.contractId === contract.contractId);
  const obligations = contract.obligations
    .map((obligation) => obligationCompliance(obligation, contract.value, ownLinks, asOf))
    .sort(
      (a, b) =>
        OBLIGATION_STATUSES.indexOf(a.status) - OBLIGATION_STATUSES.indexOf(b.status) ||
        a.plannedOn.localeCompare(b.plannedOn) ||
        a.obligationId.localeCompare(b.obligationId),
    );
  const count = (status: ObligationStatus) =>
    obligations.filter((obligation) => obligation.status === status).length;
  const lds = obligations.flatMap(({ liquidatedDamages: ld }) => (ld === null ? [] : [ld]));
  const { currency } = contract.value;
  const total = (figure: keyof ContractLiquidatedDamagesTotals): MoneyTotal =>
    moneyTotal(sumMinorUnits(lds.map((ld) => ld[figure].amount)), currency);
  return {
    contractId: contract.contractId,
    programId: contract.programId,
    customerId: contract.customerId,
    title: contract.title,
    value: contract.value,
    originalValue: contract.originalValue,
    signedOn: contract.signedOn,
    keyProject: contract.keyProject,
    amendments: contract.amendments,
    asOf,
    counts: {
      due: count('due'),
      atRisk: count('at-risk'),
      fulfilled: count('fulfilled'),
      missed: count('missed'),
      total: obligations.length,
    },
    obligations,
    liquidatedDamages: {
      accrued: total('accrued'),
      waived: total('waived'),
      net: total('net'),
      forecast: total('forecast'),
      cap: total('cap'),
      headroom: total('headroom'),
    },
  };
}
