import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';
import { IsCalendarDateInRange } from './date-time.decorator';

/**
 * A calendar date `YYYY-MM-DD` (due dates, sign dates): a real date, no time, no zone, from
 * 1970-01-01 to 2199-12-31 (rule `isDateInRange`; date-time.decorator.ts says why).
 */
export function IsCalendarDate(): PropertyDecorator {
  return applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a calendar date YYYY-MM-DD' }),
    IsISO8601({ strict: true }),
    IsCalendarDateInRange(),
  );
}
