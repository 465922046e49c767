import { calendarDateGuard } from '../shared';
import { complaintErrors } from './complaint.errors';
import { isAssessed, type AssessedComplaint, type ComplaintState } from './complaint.state';

/** The checks every complaint command starts with; each throws the rule's DomainError. */
export type ExistingComplaint = Exclude<ComplaintState, { status: 'absent' }>;

export function requireExisting(state: ComplaintState): ExistingComplaint {
  if (state.status === 'absent') throw complaintErrors.notFound();
  return state;
}

export function requireOpen(state: ComplaintState): ExistingComplaint {
  const complaint = requireExisting(state);
  if (complaint.status === 'closed') throw complaintErrors.closed(complaint.complaintId);
  return complaint;
}

/** A calendar date, refused with the complaint's own code (`invalid-calendar-date`). */
export const requireCalendarDate = calendarDateGuard(complaintErrors.invalidDate);

export function requireAssessed(state: ComplaintState): AssessedComplaint {
  const complaint = requireOpen(state);
  if (!isAssessed(complaint)) throw complaintErrors.notAssessed();
  return complaint;
}
