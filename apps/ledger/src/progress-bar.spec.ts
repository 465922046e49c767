import { formatProgress } from './progress-bar';

describe('formatProgress', () => {
  it('shows the share done, counts, rate and an eta', () => {
    expect(formatProgress({ done: 50_000, total: 200_000, label: 'replaying' }, 2000)).toBe(
      '[########......................]   25%  50,000/200,000 positions  25,000/s  eta 6s  replaying',
    );
  });

  it('is full and has no eta once done', () => {
    expect(formatProgress({ done: 10, total: 10, label: 'swapped' }, 1000, 'events')).toBe(
      '[##############################]  100%  10/10 events  10/s  swapped',
    );
  });

  it('an empty log is complete, not a division by zero', () => {
    expect(formatProgress({ done: 0, total: 0, label: 'swapped' }, 0)).toBe(
      '[##############################]  100%  0/0 positions  swapped',
    );
  });

  it('without a known total: what was done and the rate, no bar and no eta', () => {
    expect(formatProgress({ done: 62_000, label: 'exporting' }, 2000, 'lines')).toBe(
      '62,000 lines  31,000/s  exporting',
    );
  });
});
