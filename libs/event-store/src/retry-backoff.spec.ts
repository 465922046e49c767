import { backoffDelay, pause } from './retry-backoff';

describe('backoffDelay', () => {
  it('doubles its ceiling per attempt up to the maximum, taking a jittered half of it', () => {
    const low = { initialMs: 100, maxMs: 1000, random: () => 0 };
    const high = { initialMs: 100, maxMs: 1000, random: () => 0.999999 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, low))).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, high))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('never overflows on a long outage', () => {
    expect(backoffDelay(10_000, { initialMs: 250, maxMs: 30_000, random: () => 0.5 })).toBe(22_500);
  });
});

describe('pause', () => {
  it('ends early when its signal aborts', async () => {
    const controller = new AbortController();
    const waiting = pause(60_000, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBeUndefined();
  });
});
