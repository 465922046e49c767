import {
  isLostTimeInjury,
  isRecordable,
  type IncidentClassification,
} from './incident-classification';

/** TRIR base: 100 full-time workers × 40 h × 50 weeks (OSHA). */
export const TRIR_BASE_HOURS = 200_000;
/** LTIFR base: one million hours worked (IOGP). */
export const LTIFR_BASE_HOURS = 1_000_000;

/**
 * count × base / hours, unrounded (display rounding is the read model's choice); null when no
 * hours were worked, never 0 or Infinity. Negative or fractional counts and negative hours are
 * bugs upstream and throw.
 */
export function incidentRate(count: number, hours: number, baseHours: number): number | null {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`an incident count is a non-negative integer, got ${count}`);
  }
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`exposure hours are a non-negative number, got ${hours}`);
  }
  return hours === 0 ? null : (count * baseHours) / hours;
}

/** Total recordable incident rate: recordables × 200,000 / hours. */
export function trir(recordables: number, hours: number): number | null {
  return incidentRate(recordables, hours, TRIR_BASE_HOURS);
}

/** Lost-time injury frequency rate: LTIs × 1,000,000 / hours. */
export function ltifr(lostTimeInjuries: number, hours: number): number | null {
  return incidentRate(lostTimeInjuries, hours, LTIFR_BASE_HOURS);
}

export function countRecordables(classifications: readonly IncidentClassification[]): number {
  return classifications.filter(isRecordable).length;
}

export function countLostTimeInjuries(classifications: readonly IncidentClassification[]): number {
  return classifications.filter(isLostTimeInjury).length;
}
