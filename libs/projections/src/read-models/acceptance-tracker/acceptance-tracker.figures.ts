import {
  ACCEPTANCE_TRACKER_STATUSES,
  type AcceptanceTrackerEntry,
  type AcceptanceTrackerStatus,
} from './acceptance-tracker.projection';

/** What an acceptance's warranty stands at on `asOf`. */
export interface AcceptanceWarrantyFigures {
  /** Null before the PAC (no warranty yet). */
  readonly warrantyElapsed: boolean | null;
  /** Warranty elapsed and no FAC yet: the final acceptance is due. */
  readonly finalAcceptanceDue: boolean;
}

export interface AcceptanceTrackerSummary {
  readonly total: number;
  /** Every status, zero included. */
  readonly byStatus: Readonly<Record<AcceptanceTrackerStatus, number>>;
  /** Open punch items over all the acceptances, by severity. */
  readonly openPunchItems: { readonly A: number; readonly B: number };
  /** Acceptances with at least one open severity-A item (their PAC is blocked). */
  readonly blockedByPunchItems: number;
  readonly finalAcceptanceDue: number;
}

/** Warranty figures of one acceptance on the calendar date `asOf` (YYYY-MM-DD). */
export function acceptanceWarrantyOf(
  entry: AcceptanceTrackerEntry,
  asOf: string,
): AcceptanceWarrantyFigures {
  if (entry.pac === null) return { warrantyElapsed: null, finalAcceptanceDue: false };
  const warrantyElapsed = asOf >= entry.pac.warrantyEndsOn;
  return { warrantyElapsed, finalAcceptanceDue: warrantyElapsed && entry.fac === null };
}

/** Counts over a project's acceptances. */
export function acceptanceTrackerSummaryOf(
  entries: readonly AcceptanceTrackerEntry[],
  asOf: string,
): AcceptanceTrackerSummary {
  const byStatus = Object.fromEntries(ACCEPTANCE_TRACKER_STATUSES.map((status) => [status, 0]));
  let a = 0;
  let b = 0;
  let blocked = 0;
  let due = 0;
  for (const entry of entries) {
    byStatus[entry.status] = (byStatus[entry.status] ?? 0) + 1;
    a += entry.openPunchItems.A;
    b += entry.openPunchItems.B;
    if (entry.openPunchItems.A > 0) blocked += 1;
    if (acceptanceWarrantyOf(entry, asOf).finalAcceptanceDue) due += 1;
  }
  return {
    total: entries.length,
    byStatus: byStatus as Record<AcceptanceTrackerStatus, number>,
    openPunchItems: { A: a, B: b },
    blockedByPunchItems: blocked,
    finalAcceptanceDue: due,
  };
}
