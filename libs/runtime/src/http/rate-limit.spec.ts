import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Throttle, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { Public } from '../auth/auth.decorators';
import type { TokenVerifier } from '../auth/token-verifier';
import { FixedWindowThrottlerStorage } from './fixed-window-throttler-storage';
import { RateLimitGuard, TooManyRequestsError } from './rate-limit';

class Programs {
  create(): void {}
  @Public()
  health(): void {}
  @Throttle({ default: { limit: 1, ttl: 60_000 } })
  strict(): void {}
}

const verifier = {
  verify: (token: string) => Promise.resolve({ sub: token }),
} as unknown as TokenVerifier;

async function guardWith(limit: number): Promise<{ guard: RateLimitGuard; reflector: Reflector }> {
  const options: ThrottlerModuleOptions = {
    throttlers: [{ name: 'default', ttl: 60_000, limit }],
    storage: new FixedWindowThrottlerStorage(),
  };
  const reflector = new Reflector();
  const guard = new RateLimitGuard(options, new FixedWindowThrottlerStorage(), reflector, verifier);
  await guard.onModuleInit();
  return { guard, reflector };
}

/** A request to Programs[method] by `caller`; the headers the guard set are collected. */
function requestTo(method: 'create' | 'health' | 'strict', caller: string) {
  const headers: Record<string, unknown> = {};
  const context = {
    getClass: () => Programs,
    getHandler: () => Programs.prototype[method],
    switchToHttp: () => ({
      getRequest: () => ({ headers: { authorization: `Bearer ${caller}` }, ip: '10.0.0.1' }),
      getResponse: () => ({ header: (name: string, value: unknown) => (headers[name] = value) }),
    }),
  } as unknown as ExecutionContext;
  return { context, headers };
}

describe('RateLimitGuard', () => {
  it("counts each caller, sets the library's headers, and answers 429 with Retry-After past the limit", async () => {
    const { guard } = await guardWith(2);
    const first = requestTo('create', 'alice');
    await expect(guard.canActivate(first.context)).resolves.toBe(true);
    expect(first.headers).toEqual({
      'X-RateLimit-Limit': 2,
      'X-RateLimit-Remaining': 1,
      'X-RateLimit-Reset': expect.any(Number) as number,
    });
    await expect(guard.canActivate(requestTo('create', 'alice').context)).resolves.toBe(true);
    await expect(guard.canActivate(requestTo('create', 'bob').context)).resolves.toBe(true);
    const over = requestTo('create', 'alice');
    await expect(guard.canActivate(over.context)).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(over.headers['Retry-After']).toEqual(expect.any(Number));
  });

  it('never limits a public route', async () => {
    const { guard } = await guardWith(1);
    for (let request = 0; request < 5; request++) {
      const health = requestTo('health', 'alice');
      await expect(guard.canActivate(health.context)).resolves.toBe(true);
      expect(health.headers).toEqual({});
    }
  });

  it("reads a route's metadata on its first request only", async () => {
    const { guard, reflector } = await guardWith(100);
    const reads = jest.spyOn(reflector, 'getAllAndOverride');
    await guard.canActivate(requestTo('create', 'alice').context);
    const firstRequest = reads.mock.calls.length;
    expect(firstRequest).toBeGreaterThan(0);
    for (let request = 0; request < 10; request++)
      await guard.canActivate(requestTo('create', 'alice').context);
    expect(reads.mock.calls.length).toBe(firstRequest);
  });

  it('leaves a route with its own throttling options to the library, which applies them', async () => {
    const { guard } = await guardWith(100);
    const first = requestTo('strict', 'alice');
    await expect(guard.canActivate(first.context)).resolves.toBe(true);
    expect(first.headers['X-RateLimit-Limit']).toBe(1);
    await expect(guard.canActivate(requestTo('strict', 'alice').context)).rejects.toBeInstanceOf(
      TooManyRequestsError,
    );
  });
});
