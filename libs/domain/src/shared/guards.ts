import {
  calendarDateOf,
  compareCalendarDates,
  isCalendarDate,
  type CalendarDate,
} from './calendar-date';
import type { DomainError } from './domain-error';
import { inputErrors } from './input-errors';

/**
 * Checks of command input that every aggregate makes the same way. Each throws the rule's
 * DomainError; where aggregates answer the same check with different codes, the guard takes the
 * aggregate's error factory (codes are a public contract and must not change).
 */

/** Text a person wrote: a string with something besides white space in it. */
export function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Missing, not a string, or only white space. */
export function isBlank(value: unknown): boolean {
  return !isText(value);
}

/** Optional text as events record it: the text, or null when it is blank or missing. */
export function textOrNull(value: unknown): string | null {
  return isText(value) ? value : null;
}

/** A required text field; refused with `field-required`. */
export function requireText(field: string, value: unknown): string {
  if (!isText(value)) throw inputErrors.fieldRequired(field);
  return value;
}

/** A required reason; refused with `reason-required`. */
export function requireReason(value: unknown): string {
  if (!isText(value)) throw inputErrors.reasonRequired();
  return value;
}

/**
 * A guard `(field, value) → CalendarDate` that refuses anything but a real `YYYY-MM-DD` date with
 * the error `refuse` builds: how an aggregate with its own code for a bad date gets the shared
 * check (`calendarDateGuard(projectErrors.invalidCalendarDate)`).
 */
export function calendarDateGuard<TValue>(
  refuse: (field: string, value: TValue) => DomainError,
): (field: string, value: TValue) => CalendarDate {
  return (field, value) => {
    if (!isCalendarDate(value)) throw refuse(field, value);
    return value;
  };
}

/** A real calendar date `YYYY-MM-DD`; refused with `invalid-date`. */
export const requireCalendarDate = calendarDateGuard<unknown>(inputErrors.invalidDate);

/**
 * `date` when it is not after the UTC calendar day of `now` (a fact is not recorded before it
 * happens); refused with `date-in-future`.
 */
export function requireNotAfterToday(field: string, date: CalendarDate, now: string): CalendarDate {
  const today = calendarDateOf(now);
  if (compareCalendarDates(date, today) > 0) throw inputErrors.dateInFuture(field, date, today);
  return date;
}
