import { warrantyPeriod } from './warranty';

describe('warranty period', () => {
  it('starts on the PAC day and ends on its anniversary', () => {
    expect(warrantyPeriod('2026-03-18', 12)).toEqual({
      startsOn: '2026-03-18',
      endsOn: '2027-03-18',
      months: 12,
    });
  });
  it('clamps to the end of a shorter month', () => {
    expect(warrantyPeriod('2026-08-31', 6).endsOn).toBe('2027-02-28');
    expect(warrantyPeriod('2024-02-29', 12).endsOn).toBe('2025-02-28');
  });
  it('ends on the PAC day for a zero-month warranty', () => {
    expect(warrantyPeriod('2026-03-18', 0).endsOn).toBe('2026-03-18');
  });
});
