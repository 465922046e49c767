import {
  exactMinorUnits,
  minorUnitsTotal,
  moneyTotal,
  ratioOfTotals,
  sumMinorUnits,
} from './money-total';

describe('money totals', () => {
  it('add up exactly where numbers round: 9e15 + 9e15 + 1 is 18000000000000001, not …6000', () => {
    expect(9e15 + 9e15 + 1).toBe(18_000_000_000_000_000); // the defect: the 1 is lost
    expect(minorUnitsTotal(sumMinorUnits([9e15, 9e15, 1]))).toBe('18000000000000001');
  });

  it('stay JSON numbers while the sum is a safe integer, so answers within range do not change', () => {
    expect(minorUnitsTotal(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(minorUnitsTotal(-BigInt(Number.MAX_SAFE_INTEGER))).toBe(-Number.MAX_SAFE_INTEGER);
    expect(moneyTotal(sumMinorUnits([1_250, -250]), 'EUR')).toEqual({
      amount: 1_000,
      currency: 'EUR',
    });
    expect(moneyTotal(0n, 'EUR')).toEqual({ amount: 0, currency: 'EUR' });
  });

  it('become decimal strings one past the safe range, on either side', () => {
    expect(minorUnitsTotal(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toBe('9007199254740992');
    expect(minorUnitsTotal(-BigInt(Number.MAX_SAFE_INTEGER) - 1n)).toBe('-9007199254740992');
  });

  it('refuse an amount that is not an exact integer of minor units', () => {
    expect(() => exactMinorUnits(1.5)).toThrow(RangeError);
    expect(() => exactMinorUnits(2 ** 53)).toThrow(/not an exact integer/);
  });

  it('divide totals as numbers for indices, null over a zero denominator', () => {
    expect(ratioOfTotals(3n, 4n)).toBe(0.75);
    expect(ratioOfTotals(3n, 0n)).toBeNull();
  });
});
