import {
  COMPLAINT_PRIORITIES,
  complaintPriority,
  latestHsComplaintDueOn,
} from './complaint-priority';

describe('complaint priority', () => {
  it('puts H&S-related complaints above every severity', () => {
    expect(COMPLAINT_PRIORITIES[0]).toBe('top');
    expect(complaintPriority(true, 'low')).toBe('top');
    expect(complaintPriority(false, 'critical')).toBe('critical');
  });
  it('gives H&S-related complaints 2 calendar days, across month and leap-year ends', () => {
    expect(latestHsComplaintDueOn('2026-03-02')).toBe('2026-03-04');
    expect(latestHsComplaintDueOn('2026-02-27')).toBe('2026-03-01');
    expect(latestHsComplaintDueOn('2028-02-28')).toBe('2028-03-01');
    expect(latestHsComplaintDueOn('2026-12-31')).toBe('2027-01-02');
  });
  it('has no limit for a date that is not a calendar date', () => {
    expect(latestHsComplaintDueOn('2026-02-30')).toBeNull();
  });
});
