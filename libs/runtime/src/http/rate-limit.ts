import { Injectable, Module, type ExecutionContext, type Type } from '@nestjs/common';
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
  type ThrottlerRequest,
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

/**
 * The route metadata keys of @nestjs/throttler 6 (its throttler.constants, not exported), each
 * suffixed with a throttler's name: a route that sets any (@SkipThrottle, @Throttle, …) is left
 * to the library's own canActivate.
 */
const ROUTE_OPTION_KEYS = [
  'THROTTLER:SKIP',
  'THROTTLER:LIMIT',
  'THROTTLER:TTL',
  'THROTTLER:BLOCK_DURATION',
  'THROTTLER:TRACKER',
  'THROTTLER:KEY_GENERATOR',
];

/** What the library's canActivate works out for a route on every request, worked out once. */
type RoutePlan =
  | { readonly public: true }
  | { readonly public: false; readonly requests: readonly Omit<ThrottlerRequest, 'context'>[] }
  /** Something decided per request (route options, skipIf, a limit that is a function). */
  | 'library';

/** A controller method, as ExecutionContext.getHandler() gives it. */
type RouteHandler = ReturnType<ExecutionContext['getHandler']>;

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

  private readonly plans = new WeakMap<Type, WeakMap<RouteHandler, RoutePlan>>();

  /**
   * The library's canActivate reads a route's metadata (public? skipped? its own limit, ttl,
   * block duration, tracker, key?) through the reflector on every request: ~2 % of a command's
   * CPU in the http-commands profile. A route's metadata is fixed once the app is built, so
   * this works it out on a route's first request and then only counts.
   */
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const plan = this.planOf(context.getClass(), context.getHandler());
    if (plan === 'library') return super.canActivate(context);
    if (plan.public) return true;
    // In order, as the library does; handleRequest answers true or throws the 429.
    for (const request of plan.requests) await this.handleRequest({ context, ...request });
    return true;
  }

  private planOf(classRef: Type, handler: RouteHandler): RoutePlan {
    let byHandler = this.plans.get(classRef);
    if (byHandler === undefined) this.plans.set(classRef, (byHandler = new WeakMap()));
    let plan = byHandler.get(handler);
    if (plan === undefined) byHandler.set(handler, (plan = this.plan(handler, classRef)));
    return plan;
  }

  private plan(handler: RouteHandler, classRef: Type): RoutePlan {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, classRef]) === true)
      return { public: true };
    const requests: Omit<ThrottlerRequest, 'context'>[] = [];
    for (const throttler of this.throttlers) {
      const name = throttler.name ?? 'default';
      const routeOptions = ROUTE_OPTION_KEYS.some(
        (key) =>
          this.reflector.getAllAndOverride<unknown>(key + name, [handler, classRef]) !== undefined,
      );
      if (routeOptions || (throttler.skipIf ?? this.commonOptions.skipIf) !== undefined)
        return 'library';
      const { limit, ttl } = throttler;
      const blockDuration = throttler.blockDuration ?? ttl;
      const getTracker = throttler.getTracker ?? this.commonOptions.getTracker;
      const generateKey = throttler.generateKey ?? this.commonOptions.generateKey;
      if (
        !isNumber(limit) ||
        !isNumber(ttl) ||
        !isNumber(blockDuration) ||
        getTracker === undefined ||
        generateKey === undefined
      )
        return 'library';
      requests.push({ throttler, limit, ttl, blockDuration, getTracker, generateKey });
    }
    return { public: false, requests };
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

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && !Number.isNaN(value);
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
