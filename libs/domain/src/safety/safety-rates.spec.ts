import { countLostTimeInjuries, countRecordables, ltifr, trir } from './safety-rates';
import {
  compareIncidentSeverity,
  INCIDENT_CLASSIFICATIONS,
  isLostTimeInjury,
  isRecordable,
  type IncidentClassification,
} from './incident-classification';

describe('incident classification', () => {
  it('orders classifications from fatality down to near miss', () => {
    expect(INCIDENT_CLASSIFICATIONS).toEqual([
      'fatality',
      'lost-time-injury',
      'restricted-work',
      'medical-treatment',
      'first-aid',
      'near-miss',
    ]);
    const shuffled: IncidentClassification[] = ['near-miss', 'fatality', 'first-aid'];
    expect([...shuffled].sort(compareIncidentSeverity)).toEqual([
      'fatality',
      'first-aid',
      'near-miss',
    ]);
  });
  it('counts fatality, lost time, restricted work and medical treatment as recordable', () => {
    expect(INCIDENT_CLASSIFICATIONS.filter(isRecordable)).toEqual([
      'fatality',
      'lost-time-injury',
      'restricted-work',
      'medical-treatment',
    ]);
  });
  it('counts fatalities and lost-time injuries as LTIs (IOGP)', () => {
    expect(INCIDENT_CLASSIFICATIONS.filter(isLostTimeInjury)).toEqual([
      'fatality',
      'lost-time-injury',
    ]);
  });
});

describe('safety rates', () => {
  it('computes TRIR per 200,000 hours', () => {
    expect(trir(3, 600_000)).toBe(1);
    expect(trir(1, 150_000)).toBeCloseTo(1.3333, 4);
  });
  it('computes LTIFR per 1,000,000 hours', () => {
    expect(ltifr(2, 500_000)).toBe(4);
  });
  it('is null, never 0 or infinity, when no hours were worked', () => {
    expect(trir(0, 0)).toBeNull();
    expect(ltifr(1, 0)).toBeNull();
  });
  it('is zero with hours and no incidents', () => {
    expect(trir(0, 10_000)).toBe(0);
  });
  it('refuses negative hours or a fractional count', () => {
    expect(() => trir(1, -5)).toThrow(RangeError);
    expect(() => ltifr(0.5, 100)).toThrow(RangeError);
  });
  it('counts recordables and LTIs from classifications', () => {
    const register: IncidentClassification[] = [
      'fatality',
      'lost-time-injury',
      'medical-treatment',
      'first-aid',
      'near-miss',
    ];
    expect(countRecordables(register)).toBe(3);
    expect(countLostTimeInjuries(register)).toBe(2);
  });
});
