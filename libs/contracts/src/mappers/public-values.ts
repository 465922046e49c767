import type { JsonObject } from '@ledger/event-store';
import type { Money } from '@ledger/domain';

/**
 * Value shapes the public events share, copied field by field so an internal field added to a
 * domain type never leaks into a public message.
 */
export function publicMoney(money: Money): JsonObject {
  return { amount: money.amount, currency: money.currency };
}

export function publicMoneyOrNull(money: Money | null): JsonObject | null {
  return money === null ? null : publicMoney(money);
}
