import { until } from './until';

describe('until', () => {
  it('resolves as soon as the condition holds, sync or async', async () => {
    let calls = 0;
    await until(() => (calls += 1) >= 3, 'three calls', { everyMs: 1 });
    expect(calls).toBe(3);
    await until(async () => Promise.resolve(true), 'an async condition');
  });

  it('fails naming what it waited for when the condition never holds', async () => {
    await expect(until(() => false, 'the moon', { timeoutMs: 30, everyMs: 5 })).rejects.toThrow(
      'timed out after 30 ms waiting for the moon',
    );
  });
});
