import { TooManyRequestsError } from '@ledger/runtime';
import { FeedConnectionLimits } from './feed-connection-limits';

describe('FeedConnectionLimits', () => {
  it('refuses a subject over its own limit, while others still connect', () => {
    const limits = new FeedConnectionLimits(2, 10);
    limits.acquire('a');
    limits.acquire('a');
    expect(() => limits.acquire('a')).toThrow(TooManyRequestsError);
    expect(() => limits.acquire('b')).not.toThrow();
  });

  it('refuses everyone over the total', () => {
    const limits = new FeedConnectionLimits(5, 2);
    limits.acquire('a');
    limits.acquire('b');
    expect(() => limits.acquire('c')).toThrow(/maximum of 2 open feeds/);
  });

  it('a released slot is free again, and releasing twice frees it once', () => {
    const limits = new FeedConnectionLimits(1, 10);
    const release = limits.acquire('a');
    release();
    release();
    expect(limits.open).toBe(0);
    limits.acquire('a');
    expect(() => limits.acquire('a')).toThrow(TooManyRequestsError);
    expect(limits.open).toBe(1);
  });
});
