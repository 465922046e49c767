/**
 * Money summed across many items (a program's projects, a register's risks, a contract's
 * obligations). One amount is bounded (MAX_MONEY_MINOR_UNITS, 10^13 minor units), but a roll-up
 * over about 900 maximal amounts passes Number.MAX_SAFE_INTEGER (2^53 − 1), beyond which a
 * JavaScript number silently rounds (9e15 + 9e15 + 1 gives …6000). So roll-ups are summed in
 * BigInt, always exact, and answered in one of two shapes:
 *
 * - a JSON number while the sum is a safe integer (every realistic total, and every answer
 *   before this rule existed: they stay byte-for-byte the same);
 * - beyond that, the exact integer as a decimal string (`"18000000000000001"`), which no JSON
 *   parser rounds.
 *
 * A client reads either with `BigInt(amount)` (exact for both), or checks `typeof amount`.
 */

/**
 * Integer minor units written out in decimal digits, with a leading minus when negative.
 * @pattern ^-?[0-9]+$
 */
export type DecimalMinorUnits = string;

/**
 * Integer minor units within ±(2^53 − 1), where a JSON number is exact.
 * @minimum -9007199254740991
 * @maximum 9007199254740991
 * @multipleOf 1
 */
export type SafeMinorUnits = number;

/**
 * Minor units of a roll-up: a number while safe (|x| ≤ 2^53 − 1), else a decimal string.
 * @description Integer minor units of a sum over many items: a JSON integer while within ±(2^53 − 1), beyond that the exact value as a decimal string (read either with BigInt(amount)).
 */
export type MinorUnitsTotal = SafeMinorUnits | DecimalMinorUnits;

/** A sum of money in one currency, exact however many amounts it adds up. */
export interface MoneyTotal {
  /** Integer minor units: a JSON number while a safe integer, else its decimal string. */
  readonly amount: MinorUnitsTotal;
  readonly currency: string;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The answer shape of an exact sum: a number while safe, else the decimal string. */
export function minorUnitsTotal(sum: bigint): MinorUnitsTotal {
  return sum <= MAX_SAFE && sum >= -MAX_SAFE ? Number(sum) : sum.toString();
}

/** `sum` minor units of `currency`, in the answer shape. */
export function moneyTotal(sum: bigint, currency: string): MoneyTotal {
  return { amount: minorUnitsTotal(sum), currency };
}

/**
 * The exact sum of integer minor units. A non-integer amount (none reaches a read model: every
 * amount is checked to be a bounded integer when its command is decided) would make BigInt
 * throw, so it is refused here with a message that names it rather than a bare RangeError.
 */
export function sumMinorUnits(amounts: Iterable<number>): bigint {
  let sum = 0n;
  for (const amount of amounts) sum += exactMinorUnits(amount);
  return sum;
}

/** One amount as a BigInt; throws on a value that is not an integer number of minor units. */
export function exactMinorUnits(amount: number): bigint {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`money amount ${amount} is not an exact integer of minor units`);
  }
  return BigInt(amount);
}

/**
 * numerator / denominator as a float (an index such as SPI or CPI, where an exact fraction
 * adds nothing); null when the denominator is 0. Within the safe range this is the same
 * division as on the numbers themselves.
 */
export function ratioOfTotals(numerator: bigint, denominator: bigint): number | null {
  return denominator === 0n ? null : Number(numerator) / Number(denominator);
}
