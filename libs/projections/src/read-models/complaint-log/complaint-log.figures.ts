import { calendarDaysBetween, COMPLAINT_PRIORITIES } from '@ledger/domain';
import {
  COMPLAINT_LOG_STATUSES,
  type ComplaintLogEntry,
  type ComplaintLogStatus,
} from './complaint-log.projection';

export interface ComplaintFigures {
  /** Due date passed (asOf is after it) and the complaint is not closed. */
  readonly overdue: boolean;
  /** Calendar days past the due date while overdue, else 0. */
  readonly daysOverdue: number;
  /** Calendar days from receipt to the close (or, while open, to asOf); never below 0. */
  readonly daysOpen: number;
}

export interface ComplaintLogSummary {
  readonly total: number;
  readonly open: number;
  readonly overdue: number;
  /** H&S-related complaints not closed (top priority). */
  readonly hsRelatedOpen: number;
  /** Every status, zero included. */
  readonly byStatus: Readonly<Record<ComplaintLogStatus, number>>;
  readonly closedSatisfied: number;
  readonly closedDissatisfied: number;
}

const nonNegative = (days: number): number => Math.max(0, days);

/** Overdue and age of one complaint on the calendar date `asOf` (YYYY-MM-DD). */
export function complaintFiguresOf(entry: ComplaintLogEntry, asOf: string): ComplaintFigures {
  const closed = entry.status === 'closed';
  const overdue = !closed && entry.dueOn !== null && asOf > entry.dueOn;
  return {
    overdue,
    daysOverdue: overdue && entry.dueOn !== null ? calendarDaysBetween(entry.dueOn, asOf) : 0,
    daysOpen: nonNegative(
      calendarDaysBetween(entry.receivedOn, closed && entry.closedOn ? entry.closedOn : asOf),
    ),
  };
}

/** Counts over a set of complaints on `asOf`. */
export function complaintLogSummaryOf(
  entries: readonly ComplaintLogEntry[],
  asOf: string,
): ComplaintLogSummary {
  const byStatus = Object.fromEntries(COMPLAINT_LOG_STATUSES.map((status) => [status, 0]));
  let open = 0;
  let overdue = 0;
  let hsRelatedOpen = 0;
  let closedSatisfied = 0;
  let closedDissatisfied = 0;
  for (const entry of entries) {
    byStatus[entry.status] = (byStatus[entry.status] ?? 0) + 1;
    if (entry.status === 'closed') {
      if (entry.customerSatisfied) closedSatisfied += 1;
      else closedDissatisfied += 1;
      continue;
    }
    open += 1;
    if (entry.hsRelated) hsRelatedOpen += 1;
    if (complaintFiguresOf(entry, asOf).overdue) overdue += 1;
  }
  return {
    total: entries.length,
    open,
    overdue,
    hsRelatedOpen,
    byStatus: byStatus as Record<ComplaintLogStatus, number>,
    closedSatisfied,
    closedDissatisfied,
  };
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const priorityRank = (entry: ComplaintLogEntry): number => {
  const rank = (COMPLAINT_PRIORITIES as readonly string[]).indexOf(
    entry.priority ?? (entry.hsRelated ? 'top' : ''),
  );
  return rank < 0 ? COMPLAINT_PRIORITIES.length : rank;
};

/**
 * The log's order: open before closed; then priority (H&S-related first, unassessed ones after
 * low unless H&S-related), then the earliest due date (none last), then receipt, then id.
 */
export function compareComplaints(a: ComplaintLogEntry, b: ComplaintLogEntry): number {
  const closed = Number(a.status === 'closed') - Number(b.status === 'closed');
  if (closed !== 0) return closed;
  const priority = priorityRank(a) - priorityRank(b);
  if (priority !== 0) return priority;
  const due = byText(a.dueOn ?? '9999-12-31', b.dueOn ?? '9999-12-31');
  if (due !== 0) return due;
  const received = byText(a.receivedOn, b.receivedOn);
  return received !== 0 ? received : byText(a.complaintId, b.complaintId);
}
