import { systemIsoClock } from './system-iso-clock';

describe('systemIsoClock', () => {
  afterEach(() => jest.useRealTimers());

  it('answers what new Date().toISOString() answers, and moves with every millisecond', () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 11, 7, 1, 2, 3, 4) });
    expect(systemIsoClock()).toBe('2026-12-07T01:02:03.004Z');
    expect(systemIsoClock()).toBe(new Date().toISOString());
    jest.advanceTimersByTime(1);
    expect(systemIsoClock()).toBe('2026-12-07T01:02:03.005Z');
    jest.setSystemTime(Date.UTC(2027, 0, 1));
    expect(systemIsoClock()).toBe('2027-01-01T00:00:00.000Z');
  });
});
