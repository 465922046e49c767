import {
  countLostTimeInjuries,
  countRecordables,
  INCIDENT_CLASSIFICATIONS,
  LTIFR_BASE_HOURS,
  ltifr,
  trir,
  TRIR_BASE_HOURS,
  type IncidentClassification,
} from '@ledger/domain';
import type { SafetyRegister, SafetyRegisterIncident } from './safety-register.projection';

/** Calendar months `YYYY-MM`, both ends included; null leaves that end open. */
export interface SafetyPeriod {
  readonly from: string | null;
  readonly to: string | null;
}

export const WHOLE_HISTORY: SafetyPeriod = { from: null, to: null };

/** A rate with its explicit base: value = count × baseHours / hours, null when hours = 0. */
export interface SafetyRate {
  /** Rounded to two decimals; null when no hours were worked (never 0 or Infinity). */
  readonly value: number | null;
  readonly count: number;
  readonly hours: number;
  readonly baseHours: number;
}

export type IncidentClassCounts = Readonly<Record<IncidentClassification | 'unclassified', number>>;

export interface SafetyFigures {
  /** Hours of the current exposure entries whose period is inside the period asked. */
  readonly exposureHours: number;
  /** Incidents that occurred inside the period (month of `occurredAt` as written). */
  readonly incidents: number;
  /** By current classification (a reclassified incident counts under its new class). */
  readonly byClass: IncidentClassCounts;
  readonly recordables: number;
  readonly lostTimeInjuries: number;
  readonly lostDays: number;
  /** Incidents whose classification changed at least once. */
  readonly reclassified: number;
  /** Not closed. */
  readonly openIncidents: number;
  /** Reported or classified, not yet investigated. */
  readonly openInvestigations: number;
  /** Total recordable incident rate: recordables × 200,000 / hours. */
  readonly trir: SafetyRate;
  /** Lost-time injury frequency rate: LTIs × 1,000,000 / hours. */
  readonly ltifr: SafetyRate;
}

const inPeriod = (month: string, period: SafetyPeriod): boolean =>
  (period.from === null || month >= period.from) && (period.to === null || month <= period.to);

/** The register's incidents that occurred in `period`, in order of occurrence. */
export function incidentsInPeriod(
  register: SafetyRegister,
  period: SafetyPeriod,
): SafetyRegisterIncident[] {
  return register.incidents
    .filter((incident) => inPeriod(incident.occurredAt.slice(0, 7), period))
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}

/** Exposure hours per period (`YYYY-MM`, ascending) inside `period`. */
export function exposureByPeriod(
  register: SafetyRegister,
  period: SafetyPeriod,
): { readonly periodId: string; readonly hours: number }[] {
  const hours = new Map<string, number>();
  for (const entry of register.exposure) {
    if (!inPeriod(entry.periodId, period)) continue;
    hours.set(entry.periodId, (hours.get(entry.periodId) ?? 0) + entry.hours);
  }
  return [...hours.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([periodId, total]) => ({ periodId, hours: total }));
}

const round2 = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 100) / 100;

const isClassification = (value: string | null): value is IncidentClassification =>
  (INCIDENT_CLASSIFICATIONS as readonly (string | null)[]).includes(value);

/**
 * The H&S figures of one register or several (a program roll-up): counts and hours are summed
 * first, and the rates computed from the sums (never an average of rates).
 */
export function safetyFiguresOf(
  registers: readonly SafetyRegister[],
  period: SafetyPeriod = WHOLE_HISTORY,
): SafetyFigures {
  const incidents = registers.flatMap((register) => incidentsInPeriod(register, period));
  const hours = registers
    .flatMap((register) => exposureByPeriod(register, period))
    .reduce((sum, entry) => sum + entry.hours, 0);
  const classifications = incidents
    .map((incident) => incident.classification)
    .filter(isClassification);
  const byClass = Object.fromEntries(
    [...INCIDENT_CLASSIFICATIONS, 'unclassified' as const].map((name) => [name, 0]),
  ) as Record<IncidentClassification | 'unclassified', number>;
  for (const incident of incidents) {
    const name = isClassification(incident.classification)
      ? incident.classification
      : 'unclassified';
    byClass[name] += 1;
  }
  const recordables = countRecordables(classifications);
  const lostTimeInjuries = countLostTimeInjuries(classifications);
  return {
    exposureHours: hours,
    incidents: incidents.length,
    byClass,
    recordables,
    lostTimeInjuries,
    lostDays: incidents.reduce((sum, incident) => sum + incident.lostDays, 0),
    reclassified: incidents.filter((incident) => incident.reclassifications.length > 0).length,
    openIncidents: incidents.filter((incident) => incident.status !== 'closed').length,
    openInvestigations: incidents.filter(
      (incident) => incident.status === 'reported' || incident.status === 'classified',
    ).length,
    trir: {
      value: round2(trir(recordables, hours)),
      count: recordables,
      hours,
      baseHours: TRIR_BASE_HOURS,
    },
    ltifr: {
      value: round2(ltifr(lostTimeInjuries, hours)),
      count: lostTimeInjuries,
      hours,
      baseHours: LTIFR_BASE_HOURS,
    },
  };
}
