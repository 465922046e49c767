import {
  addCalendarDays,
  addCalendarMonths,
  calendarDateOf,
  calendarDaysBetween,
  compareCalendarDates,
  datePartOf,
  earlierCalendarDate,
  isCalendarDate,
} from './calendar-date';
import { DomainError } from './domain-error';

describe('calendar dates', () => {
  // Baseline milestone shifts (project) move due dates by whole days.
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-29', 1, '2026-03-30'],
  ])('%s + %p day(s) = %s, whatever the host time zone', (date, days, expected) => {
    expect(addCalendarDays(date, days)).toBe(expected);
  });
  it.each(['2026-02-29', '2026-13-01', '2026-1-01', '2026-01-01T00:00:00Z', ''])(
    '%p is not a calendar date',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );
  it('accepts a leap day', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
  });

  describe('isCalendarDate', () => {
    it.each(['2026-03-01', '2024-02-29', '2000-02-29', '1999-12-31'])('accepts %s', (value) => {
      expect(isCalendarDate(value)).toBe(true);
    });
    it.each([
      '2026-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-04-31',
      '2026-3-1',
      '2026-03-01T00:00:00Z',
      '',
      20260301,
    ])('refuses %s', (value) => {
      expect(isCalendarDate(value)).toBe(false);
    });
  });

  describe('datePartOf', () => {
    it("takes the date as written, in the timestamp's own offset", () => {
      expect(datePartOf('2026-03-20T23:30:00+02:00')).toBe('2026-03-20');
      expect(datePartOf('2026-03-20T23:59:59.999Z')).toBe('2026-03-20');
    });
    it('leaves checking to the caller', () => {
      expect(datePartOf('yesterday')).toBe('yesterday');
    });
  });

  describe('calendarDateOf', () => {
    it('takes the UTC day of a timestamp', () => {
      expect(calendarDateOf('2026-03-20T23:59:59.999Z')).toBe('2026-03-20');
    });
    it('refuses something that is not a timestamp', () => {
      expect(() => calendarDateOf('yesterday')).toThrow(DomainError);
    });
  });

  describe('addCalendarDays', () => {
    it('crosses month and year ends', () => {
      expect(addCalendarDays('2026-03-01', 7)).toBe('2026-03-08');
      expect(addCalendarDays('2026-12-25', 10)).toBe('2027-01-04');
      expect(addCalendarDays('2026-03-01', 141)).toBe('2026-07-20');
    });
    it('knows leap days', () => {
      expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
      expect(addCalendarDays('2026-02-28', 1)).toBe('2026-03-01');
    });
    it('goes back with a negative count', () => {
      expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    });
    it('refuses an impossible date with invalid-date', () => {
      let caught: unknown;
      try {
        addCalendarDays('2026-02-30', 1);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DomainError);
      expect((caught as DomainError).code).toBe('invalid-date');
    });
  });

  describe('addCalendarMonths', () => {
    it('adds whole months, keeping the day', () => {
      expect(addCalendarMonths('2026-03-15', 12)).toBe('2027-03-15');
      expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
      expect(addCalendarMonths('2026-05-10', 24)).toBe('2028-05-10');
    });
    it('clamps to the last day of a shorter month', () => {
      expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
      expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
      expect(addCalendarMonths('2024-02-29', 12)).toBe('2025-02-28');
    });
    it('goes back with a negative count', () => {
      expect(addCalendarMonths('2026-03-31', -1)).toBe('2026-02-28');
      expect(addCalendarMonths('2026-01-15', -1)).toBe('2025-12-15');
    });
    it('adds nothing for zero months', () => {
      expect(addCalendarMonths('2026-01-31', 0)).toBe('2026-01-31');
    });
  });

  describe('calendarDaysBetween', () => {
    it('counts days from the first date to the second', () => {
      expect(calendarDaysBetween('2026-03-01', '2026-03-20')).toBe(19);
      expect(calendarDaysBetween('2026-03-20', '2026-03-01')).toBe(-19);
      expect(calendarDaysBetween('2026-03-01', '2026-03-01')).toBe(0);
      expect(calendarDaysBetween('2024-01-01', '2025-01-01')).toBe(366);
      expect(calendarDaysBetween('1970-01-01', '2000-03-01')).toBe(11017);
    });
    it('is the inverse of addCalendarDays over many years', () => {
      for (let days = -800; days <= 3000; days += 37) {
        expect(calendarDaysBetween('2026-03-01', addCalendarDays('2026-03-01', days))).toBe(days);
      }
    });
  });

  describe('comparing', () => {
    it('orders dates and picks the earlier', () => {
      expect(compareCalendarDates('2026-03-01', '2026-03-02')).toBe(-1);
      expect(compareCalendarDates('2026-03-02', '2026-03-02')).toBe(0);
      expect(compareCalendarDates('2027-01-01', '2026-12-31')).toBe(1);
      expect(earlierCalendarDate('2026-04-01', '2026-03-31')).toBe('2026-03-31');
    });
  });
});
