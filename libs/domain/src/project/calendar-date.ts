/**
 * Calendar dates (`YYYY-MM-DD`, no time zone) as the baseline and the reporting periods use them.
 * Pure arithmetic in UTC so the result never depends on the host's zone.
 */
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function toUtcMs(date: string): number | null {
  const match = CALENDAR_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const parsed = new Date(ms);
  const valid =
    parsed.getUTCFullYear() === year &&
    parsed.getUTCMonth() === month - 1 &&
    parsed.getUTCDate() === day;
  return valid ? ms : null;
}

export function isCalendarDate(value: string): boolean {
  return toUtcMs(value) !== null;
}

/** `addDays('2026-03-30', 3) === '2026-04-02'`; negative days move earlier. Expects a valid date. */
export function addDays(date: string, days: number): string {
  const ms = toUtcMs(date);
  if (ms === null) throw new Error(`not a calendar date: ${date}`);
  return new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
}
