/**
 * Calendar dates (`YYYY-MM-DD`) for the complaint's due-date rule. Local to this folder because
 * the shared kernel has no date helper yet; pure (no clock: dates come in with the command).
 */
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] | null {
  const match = CALENDAR_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  const valid =
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day;
  return valid ? [year, month, day] : null;
}

export function isCalendarDate(value: string): boolean {
  return parts(value) !== null;
}

/** `date` plus `days` calendar days; null when `date` is not a real calendar date. */
export function addCalendarDays(date: string, days: number): string | null {
  const ymd = parts(date);
  if (!ymd) return null;
  const [year, month, day] = ymd;
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The calendar date an ISO 8601 timestamp names, as written (its own offset, not converted). */
export function calendarDateOf(timestamp: string): string {
  return timestamp.slice(0, 10);
}
