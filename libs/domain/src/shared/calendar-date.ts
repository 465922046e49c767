import { DomainError } from './domain-error';

/**
 * Calendar dates (`YYYY-MM-DD`) as pure values: no time zones, no clock, no `Date` objects. A date
 * is a day of the proleptic Gregorian calendar; arithmetic goes through a day number (days since
 * 1970-01-01) computed with integer arithmetic only, so results never depend on the machine's zone.
 *
 * One implementation for every aggregate (due dates, LD weeks, warranty periods, baseline shifts,
 * complaint deadlines): several copies had drifted apart on edge cases.
 */

export type CalendarDate = string;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

interface YearMonthDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function parse(value: string): YearMonthDay | null {
  const match = CALENDAR_DATE.exec(value);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function parseOrFail(value: string): YearMonthDay {
  const parsed = parse(value);
  if (parsed === null) {
    throw new DomainError(
      'invalid-date',
      `"${value}" is not a calendar date (YYYY-MM-DD)`,
      'rule-violated',
      {
        value,
      },
    );
  }
  return parsed;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function format({ year, month, day }: YearMonthDay): CalendarDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Days since 1970-01-01 (civil-from-days / days-from-civil, integer arithmetic only). */
function toDayNumber({ year, month, day }: YearMonthDay): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function fromDayNumber(dayNumber: number): YearMonthDay {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-29 is not one). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  return typeof value === 'string' && parse(value) !== null;
}

/**
 * The date part of an ISO 8601 timestamp as written (its first ten characters, in the timestamp's
 * own offset), NOT checked. For callers that check it themselves with their own error, or that
 * compare it with dates they checked; {@link calendarDateOf} is the checked variant.
 */
export function datePartOf(timestamp: string): string {
  return timestamp.slice(0, 10);
}

/**
 * The UTC calendar date of an ISO 8601 timestamp as the shell writes it (`toISOString()`, ending
 * in `Z`), e.g. `CommandMeta.now`. A bare date is returned as is; anything else is refused with
 * `invalid-date`.
 */
export function calendarDateOf(timestamp: string): CalendarDate {
  const date = datePartOf(timestamp);
  parseOrFail(date);
  return date;
}

/** `date` plus `days` calendar days (negative goes back). */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  return format(fromDayNumber(toDayNumber(parseOrFail(date)) + Math.trunc(days)));
}

/**
 * `date` plus `months` calendar months. When the day does not exist in the target month it is
 * clamped to that month's last day: 2026-01-31 + 1 month = 2026-02-28; 2024-02-29 + 12 months =
 * 2025-02-28 (the usual contract reading of "N months after").
 */
export function addCalendarMonths(date: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = parseOrFail(date);
  const monthIndex = year * 12 + (month - 1) + Math.trunc(months);
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return format({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** Calendar days from `from` to `to`: positive when `to` is later, 0 on the same day. */
export function calendarDaysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(parseOrFail(to)) - toDayNumber(parseOrFail(from));
}

/** -1, 0 or 1 as `a` is before, on or after `b`. */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  const days = calendarDaysBetween(b, a);
  return days < 0 ? -1 : days > 0 ? 1 : 0;
}

/** The earlier of two dates. */
export function earlierCalendarDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return compareCalendarDates(a, b) <= 0 ? a : b;
}
