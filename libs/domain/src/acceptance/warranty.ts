import { addCalendarMonths, type CalendarDate } from '../shared';

/**
 * The warranty starts on the day the PAC is issued and runs for whole calendar months.
 * `endsOn` is the day the period has ELAPSED (the anniversary: PAC 2026-03-15 + 12 months →
 * 2027-03-15); the FAC may be issued on or after it. A start on a day the end month lacks is
 * clamped to that month's last day (2026-01-31 + 1 month → 2026-02-28).
 */
export interface WarrantyPeriod {
  readonly startsOn: CalendarDate;
  readonly endsOn: CalendarDate;
  readonly months: number;
}

export function warrantyPeriod(startsOn: CalendarDate, months: number): WarrantyPeriod {
  return { startsOn, endsOn: addCalendarMonths(startsOn, months), months };
}
