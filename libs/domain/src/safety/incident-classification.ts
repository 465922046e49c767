/**
 * Incident classifications, most severe first (DOMAIN.md: fatality > lost-time injury >
 * restricted work > medical treatment > first aid > near miss).
 */
export const INCIDENT_CLASSIFICATIONS = [
  'fatality',
  'lost-time-injury',
  'restricted-work',
  'medical-treatment',
  'first-aid',
  'near-miss',
] as const;
export type IncidentClassification = (typeof INCIDENT_CLASSIFICATIONS)[number];

/**
 * Recordable (OSHA 29 CFR 1904.7 general criteria; IOGP "total recordable injuries"): fatality,
 * lost-time injury, restricted work and medical treatment. First aid and near misses are not.
 */
export function isRecordable(classification: IncidentClassification): boolean {
  return (
    classification === 'fatality' ||
    classification === 'lost-time-injury' ||
    classification === 'restricted-work' ||
    classification === 'medical-treatment'
  );
}

/**
 * Counts as a lost-time injury for LTIFR. Following IOGP (LTI = fatalities + lost work day
 * cases), a fatality counts: leaving it out would make a site with a death look safer than one
 * with a sprained ankle.
 */
export function isLostTimeInjury(classification: IncidentClassification): boolean {
  return classification === 'fatality' || classification === 'lost-time-injury';
}

/** Negative when `a` is more severe than `b` (sorts most severe first). */
export function compareIncidentSeverity(
  a: IncidentClassification,
  b: IncidentClassification,
): number {
  return INCIDENT_CLASSIFICATIONS.indexOf(a) - INCIDENT_CLASSIFICATIONS.indexOf(b);
}
