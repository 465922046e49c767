import { addCalendarDays, isCalendarDate } from '../shared';
import type { ComplaintPriority, ComplaintSeverity } from './complaint.events';

/** Priorities, most urgent first: H&S-related complaints (`top`) come before any severity. */
export const COMPLAINT_PRIORITIES = [
  'top',
  'critical',
  'high',
  'medium',
  'low',
] as const satisfies readonly ComplaintPriority[];

/**
 * An H&S-related complaint must be due within this many calendar days of its assessment
 * (calendar, not working days: a safety concern does not wait for a weekend).
 */
export const HS_COMPLAINT_MAX_DAYS_TO_DUE = 2;

/** DOMAIN.md: H&S-related complaints are top priority, whatever their severity. */
export function complaintPriority(
  hsRelated: boolean,
  severity: ComplaintSeverity,
): ComplaintPriority {
  return hsRelated ? 'top' : severity;
}

/**
 * The latest due date an H&S-related complaint assessed on `assessedOn` may have; null when
 * `assessedOn` is not a calendar date.
 */
export function latestHsComplaintDueOn(assessedOn: string): string | null {
  if (!isCalendarDate(assessedOn)) return null;
  return addCalendarDays(assessedOn, HS_COMPLAINT_MAX_DAYS_TO_DUE);
}
