import { DomainError } from './domain-error';
import {
  calendarDateGuard,
  isBlank,
  isText,
  requireCalendarDate,
  requireNotAfterToday,
  requireReason,
  requireText,
  textOrNull,
} from './guards';

/** A matcher for the DomainError with this code; `toThrow` takes it where it takes an error. */
const domainError = (code: string) =>
  expect.objectContaining({ name: 'DomainError', code }) as Error;

describe('shared guards', () => {
  describe('text', () => {
    it.each(['a reason', ' x '])('takes %p as text', (value) => {
      expect(isText(value)).toBe(true);
      expect(isBlank(value)).toBe(false);
      expect(textOrNull(value)).toBe(value);
    });
    it.each(['', '   ', null, undefined, 42])('takes %p as blank', (value) => {
      expect(isText(value)).toBe(false);
      expect(isBlank(value)).toBe(true);
      expect(textOrNull(value)).toBeNull();
    });
    it('refuses a blank required field with field-required, naming the field', () => {
      expect(requireText('ownerId', 'olga')).toBe('olga');
      expect(() => requireText('ownerId', ' ')).toThrow(domainError('field-required'));
    });
    it('refuses a blank reason with reason-required', () => {
      expect(requireReason('late delivery')).toBe('late delivery');
      expect(() => requireReason('')).toThrow(domainError('reason-required'));
    });
  });

  describe('calendar dates', () => {
    it('refuses anything but a real date with invalid-date', () => {
      expect(requireCalendarDate('dueOn', '2028-02-29')).toBe('2028-02-29');
      expect(() => requireCalendarDate('dueOn', '2026-02-29')).toThrow(domainError('invalid-date'));
      expect(() => requireCalendarDate('dueOn', undefined)).toThrow(domainError('invalid-date'));
    });
    it('lets an aggregate answer with its own code', () => {
      const requireDate = calendarDateGuard(
        (field: string, value: string) =>
          new DomainError('invalid-calendar-date', `${field}: ${value}`),
      );
      expect(requireDate('dueOn', '2026-03-01')).toBe('2026-03-01');
      expect(() => requireDate('dueOn', 'soon')).toThrow(domainError('invalid-calendar-date'));
    });
    it('refuses a date after the UTC day of now with date-in-future', () => {
      const now = '2026-03-20T23:59:00.000Z';
      expect(requireNotAfterToday('issuedOn', '2026-03-20', now)).toBe('2026-03-20');
      expect(() => requireNotAfterToday('issuedOn', '2026-03-21', now)).toThrow(
        domainError('date-in-future'),
      );
    });
  });
});
