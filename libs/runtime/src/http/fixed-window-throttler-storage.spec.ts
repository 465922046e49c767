import { FixedWindowThrottlerStorage } from './fixed-window-throttler-storage';

describe('FixedWindowThrottlerStorage', () => {
  const TTL = 60_000;
  let clock: number;
  let storage: FixedWindowThrottlerStorage;
  const hit = (key = 'sub:alice', limit = 3) => storage.increment(key, TTL, limit, TTL, 'default');

  beforeEach(() => {
    clock = 1_000_000;
    storage = new FixedWindowThrottlerStorage(() => clock);
  });

  it('counts a caller up to the limit, then blocks it until its window ends', async () => {
    expect(await hit()).toEqual({
      totalHits: 1,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    await hit();
    expect((await hit()).totalHits).toBe(3);
    clock += 20_000;
    expect(await hit()).toEqual({
      totalHits: 4,
      timeToExpire: 40,
      isBlocked: true,
      timeToBlockExpire: 40,
    });
    clock += 39_999;
    expect((await hit()).isBlocked).toBe(true);
    clock += 1;
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false, timeToExpire: 60 });
  });

  it('keeps one budget per caller', async () => {
    for (let i = 0; i < 3; i += 1) await hit('sub:alice');
    expect((await hit('sub:alice')).isBlocked).toBe(true);
    expect(await hit('sub:bob')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('forgets callers whose window ended, so the map does not grow with every caller ever seen', async () => {
    for (let i = 0; i < 100; i += 1) await hit(`ip:10.0.0.${i}`);
    expect(storage.size).toBe(100);
    clock += TTL;
    await hit('sub:alice');
    expect(storage.size).toBe(1);
  });
});
