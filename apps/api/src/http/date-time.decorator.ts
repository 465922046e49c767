import { applyDecorators } from '@nestjs/common';
import { IsISO8601, isISO8601, registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * The window every date and date-time of a request must fall in: 1970-01-01 to 2199-12-31
 * (UTC for an instant). Business facts of a delivery ledger are recorded from the Unix epoch
 * on, and nothing is planned two centuries ahead: a year 9999 or 0001 is a typo, and would
 * otherwise stand in the audit record and skew every "overdue" and "days late" figure.
 */
export const EARLIEST_DATE = '1970-01-01';
export const LATEST_DATE = '2199-12-31';
const EARLIEST_INSTANT = Date.UTC(1970, 0, 1);
const END_INSTANT = Date.UTC(2200, 0, 1);

/**
 * A date-time with an explicit offset: `Z` or `±hh:mm`. Without one, a time would be read in
 * whatever zone the server runs in, so the same request would mean another instant elsewhere.
 */
const DATE_TIME_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const STRICT_ISO = { strict: true, strictSeparator: true } as const;

/** A calendar date `YYYY-MM-DD`, a real day, inside the window. */
function isBoundedCalendarDate(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    CALENDAR_DATE.test(value) &&
    isISO8601(value, STRICT_ISO) &&
    value >= EARLIEST_DATE &&
    value <= LATEST_DATE
  );
}

function instantInWindow(value: string): boolean {
  const instant = Date.parse(value);
  return instant >= EARLIEST_INSTANT && instant < END_INSTANT;
}

/**
 * One rule of its own (`name`), checked only once the value is otherwise well-formed
 * (`applies`), so a malformed value is reported once, by IsISO8601, not by every rule.
 */
function rule(
  name: string,
  message: string,
  applies: (value: string) => boolean,
  holds: (value: string) => boolean,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message } satisfies ValidationOptions,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !applies(value) || holds(value),
      },
    });
  };
}

const isoDateTime = (value: string) => isISO8601(value, STRICT_ISO);
const WINDOW_MESSAGE = `$property must be from ${EARLIEST_DATE} to ${LATEST_DATE}`;

/**
 * A date-time (`effectiveAt`, `occurredAt`...): ISO 8601 with an explicit offset, in the window.
 * Rules: `isISO8601` (malformed), `isDateTimeWithOffset` (no time or no offset), `isDateInRange`.
 */
export function IsOffsetDateTime(): PropertyDecorator {
  return applyDecorators(
    IsISO8601(STRICT_ISO),
    rule(
      'isDateTimeWithOffset',
      '$property must be a date-time with an explicit offset, e.g. 2026-03-10T14:20:00Z or 2026-03-10T14:20:00+01:00',
      isoDateTime,
      (value) => DATE_TIME_WITH_OFFSET.test(value),
    ),
    rule(
      'isDateInRange',
      WINDOW_MESSAGE,
      (value) => isoDateTime(value) && DATE_TIME_WITH_OFFSET.test(value),
      instantInWindow,
    ),
  );
}

/** The window rule of a calendar date (IsCalendarDate checks the format first). */
export function IsCalendarDateInRange(): PropertyDecorator {
  return rule(
    'isDateInRange',
    WINDOW_MESSAGE,
    (value) => CALENDAR_DATE.test(value) && isISO8601(value, STRICT_ISO),
    (value) => value >= EARLIEST_DATE && value <= LATEST_DATE,
  );
}

/**
 * A query bound that is a calendar date (the whole day) or a date-time with an offset, in the
 * window.
 */
export function IsCalendarDateOrOffsetDateTime(): PropertyDecorator {
  return applyDecorators(
    IsISO8601(STRICT_ISO),
    rule(
      'isDateOrDateTimeWithOffset',
      '$property must be a date YYYY-MM-DD or a date-time with an explicit offset (Z or ±hh:mm)',
      isoDateTime,
      (value) => CALENDAR_DATE.test(value) || DATE_TIME_WITH_OFFSET.test(value),
    ),
    rule(
      'isDateInRange',
      WINDOW_MESSAGE,
      (value) =>
        isoDateTime(value) && (CALENDAR_DATE.test(value) || DATE_TIME_WITH_OFFSET.test(value)),
      (value) =>
        CALENDAR_DATE.test(value) ? isBoundedCalendarDate(value) : instantInWindow(value),
    ),
  );
}
