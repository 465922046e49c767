import type { JWTPayload } from 'jose';
import { AuthenticationError } from './auth.errors';

/**
 * Bounds on what a token may claim. A signature only proves who issued a token, not that its
 * claims are sane: a leaked token valid until year 9999, or a 10 KB `sub` that becomes the
 * actor stored in every event it causes, must be refused even when correctly signed.
 */

/** The whole token (header, claims, signature). Real tokens are well under 2 KB. */
export const MAX_TOKEN_CHARS = 8192;
/** `sub` is stored as the actor of every event: an IdP subject, an email or a service name. */
export const MAX_SUB_CHARS = 200;
export const SUB_FORMAT = /^[A-Za-z0-9._@:+|/=~-]+$/;
/** Entries of `roles`; unknown names are dropped (they grant nothing), but not without limit. */
export const MAX_ROLE_ENTRIES = 32;
export const MAX_ROLE_CHARS = 64;
/** Entries of `programs` (when not "*"); each a program id in the format of every resource id. */
export const MAX_PROGRAM_ENTRIES = 200;

/** Defaults of JWT_MAX_LIFETIME_SECONDS and JWT_CLOCK_SKEW_SECONDS. */
export const DEFAULT_MAX_LIFETIME_SECONDS = 24 * 60 * 60;
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

export interface TokenTimeLimits {
  /** Longest accepted lifetime: exp − iat, or exp − now when the token has no iat. */
  readonly maxLifetimeSeconds: number;
  /** How far the issuer's clock may differ from ours, for iat, nbf and exp. */
  readonly clockSkewSeconds: number;
}

/**
 * The time claims the signature check leaves open (jose checks exp and nbf against the clock
 * with the skew): iat must not be in the future, and the lifetime must not exceed the maximum.
 */
export function assertTokenTimes(
  payload: JWTPayload,
  nowSeconds: number,
  limits: TokenTimeLimits,
): void {
  const { exp, iat } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    throw new AuthenticationError('token claim "exp" must be a number of seconds');
  }
  if (iat !== undefined) {
    if (typeof iat !== 'number' || !Number.isFinite(iat)) {
      throw new AuthenticationError('token claim "iat" must be a number of seconds');
    }
    if (iat > nowSeconds + limits.clockSkewSeconds) {
      throw new AuthenticationError(
        `token claim "iat" is in the future (more than ${limits.clockSkewSeconds} s ahead of this server's clock)`,
      );
    }
  }
  // Without iat the lifetime still counts from now, so a token without it gains nothing.
  const lifetime = iat === undefined ? exp - nowSeconds : exp - iat;
  const allowed =
    iat === undefined
      ? limits.maxLifetimeSeconds + limits.clockSkewSeconds
      : limits.maxLifetimeSeconds;
  if (lifetime > allowed) {
    throw new AuthenticationError(
      `token claim "exp" is too far ahead: a token may live at most ${limits.maxLifetimeSeconds} s ` +
        `(JWT_MAX_LIFETIME_SECONDS)`,
    );
  }
}
