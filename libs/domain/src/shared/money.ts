import { DomainError } from './domain-error';

/** Money is integer minor units plus an ISO 4217 code (DOMAIN.md principle 5). Never floats. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/**
 * The largest magnitude of one amount, in minor units: 10^13 (100 billion EUR), far above any
 * telecom contract. Running totals kept inside one aggregate (a project's actual cost to date, its
 * budget after changes) are held within the same bound, so each is one such figure however many
 * amounts it adds up, and every figure a read-model document stores is an exact JavaScript number
 * (Number.MAX_SAFE_INTEGER ≈ 9.007 × 10^15). Roll-ups over many documents (a program's totals)
 * can pass that after about 900 figures at this bound: the read side sums them in BigInt and
 * answers a decimal string beyond it (@ledger/projections, money-total.ts).
 */
export const MAX_MONEY_MINOR_UNITS = 10 ** 13;

/** An integer number of minor units within ±MAX_MONEY_MINOR_UNITS. */
export function isBoundedMinorUnits(amount: number): boolean {
  return Number.isSafeInteger(amount) && Math.abs(amount) <= MAX_MONEY_MINOR_UNITS;
}

const CURRENCY_CODE = /^[A-Z]{3}$/;

/** Shaped like an ISO 4217 code: three capital letters (whether the code exists is not checked). */
export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && CURRENCY_CODE.test(value);
}

export function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new DomainError('currency-mismatch', `cannot combine ${a.currency} with ${b.currency}`);
  }
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amount: a.amount + b.amount, currency: a.currency };
}
