import { csatAverage, netPromoterScore, npsCategory } from './nps';

describe('NPS', () => {
  it('sorts scores into detractors (0–6), passives (7–8) and promoters (9–10)', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });
  it('is % promoters minus % detractors', () => {
    expect(netPromoterScore([10, 9, 8, 3])).toBe(25);
    expect(netPromoterScore([10, 10])).toBe(100);
    expect(netPromoterScore([0, 6])).toBe(-100);
    expect(netPromoterScore([7, 8])).toBe(0);
  });
  it('rounds to a whole number, halves away from zero', () => {
    expect(netPromoterScore([9, 7, 7, 7, 7, 7, 7, 7])).toBe(13); // 12.5
    expect(netPromoterScore([0, 7, 7, 7, 7, 7, 7, 7])).toBe(-13); // −12.5
    expect(netPromoterScore([10, 10, 5])).toBe(33); // 33.33
    expect(netPromoterScore([10, 5, 5])).toBe(-33); // −33.33
    expect(Object.is(netPromoterScore([0, 9, 7]), 0)).toBe(true); // never −0
  });
  it('is null with no responses', () => {
    expect(netPromoterScore([])).toBeNull();
  });
  it('refuses a score outside 0–10', () => {
    expect(() => netPromoterScore([11])).toThrow(RangeError);
    expect(() => npsCategory(8.5)).toThrow(RangeError);
  });
});

describe('CSAT average', () => {
  it('averages 1–5 scores to 2 decimals, halves up', () => {
    expect(csatAverage([4, 5, 5])).toBe(4.67);
    expect(csatAverage([1, 2])).toBe(1.5);
    expect(csatAverage([5, 4, 4, 4, 4, 4, 4, 4])).toBe(4.13); // 4.125
  });
  it('is null with no responses', () => {
    expect(csatAverage([])).toBeNull();
  });
  it('refuses a score outside 1–5', () => {
    expect(() => csatAverage([0])).toThrow(RangeError);
  });
});
