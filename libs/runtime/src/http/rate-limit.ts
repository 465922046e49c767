import { Injectable, Module, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD, Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerModule,
  ThrottlerStorage,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
} from '@nestjs/throttler';
import { IS_PUBLIC } from '../auth/auth.decorators';
import { TokenVerifier } from '../auth/token-verifier';
import type { Environment } from '../config/environment';
import { FixedWindowThrottlerStorage } from './fixed-window-throttler-storage';

/** A caller went over its rate limit: 429 `too-many-requests` with Retry-After (problem filter). */
export class TooManyRequestsError extends Error {
  override readonly name = 'TooManyRequestsError';
  constructor(
    readonly retryAfterSeconds: number,
    message = `too many requests; retry after ${retryAfterSeconds} s`,
  ) {
    super(message);
  }
}

interface TrackedRequest {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly ip?: string;
}

/**
 * Load shedding (issue 9): each caller gets RATE_LIMIT_PER_MINUTE requests, counted over windows
 * of RATE_LIMIT_TTL_SECONDS across all routes. A caller is the verified token's subject, or the
 * client address when the request has no valid token (so forged tokens cannot mint fresh
 * buckets). @Public() routes (/health) are never limited. Counters live in this process.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {
    super(options, storage, reflector);
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return Promise.resolve(
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ]) === true,
    );
  }

  protected override async getTracker(request: TrackedRequest): Promise<string> {
    const header = request.headers.authorization;
    if (typeof header === 'string' && /^Bearer [^\s]+$/i.test(header)) {
      try {
        return `sub:${(await this.verifier.verify(header.slice('Bearer '.length))).sub}`;
      } catch {
        // Not a valid token: counted against the address; the AuthGuard answers 401.
      }
    }
    return `ip:${request.ip ?? 'unknown'}`;
  }

  /** One budget per caller across every route (the default keys per route). */
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return `${name}:${tracker}`;
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new TooManyRequestsError(Math.max(1, Math.ceil(detail.timeToBlockExpire)));
  }
}

/** The requests a caller may make per window, from the per-minute rate and the window length. */
export function requestsPerWindow(perMinute: number, windowSeconds: number): number {
  return Math.max(1, Math.ceil((perMinute * windowSeconds) / 60));
}

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>): ThrottlerModuleOptions => {
        const windowSeconds = config.get('RATE_LIMIT_TTL_SECONDS', { infer: true });
        return {
          throttlers: [
            {
              name: 'default',
              ttl: windowSeconds * 1000,
              limit: requestsPerWindow(
                config.get('RATE_LIMIT_PER_MINUTE', { infer: true }),
                windowSeconds,
              ),
            },
          ],
          // O(1) per request (the default storage walks every hit of the window; see the class).
          storage: new FixedWindowThrottlerStorage(),
        };
      },
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
