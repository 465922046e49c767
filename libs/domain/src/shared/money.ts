import { DomainError } from './domain-error';

/** Money is integer minor units plus an ISO 4217 code (DOMAIN.md principle 5). Never floats. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
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
