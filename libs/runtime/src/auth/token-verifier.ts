import { Inject, Injectable } from '@nestjs/common';
import {
  createRemoteJWKSet,
  errors as joseErrors,
  importSPKI,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type KeyLike,
} from 'jose';
import { ROLES, type Role } from '@ledger/domain';
import { RESOURCE_ID } from '../http/resource-id';
import { AuthenticationError } from './auth.errors';
import type { Principal } from './principal';
import {
  assertTokenTimes,
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_LIFETIME_SECONDS,
  MAX_PROGRAM_ENTRIES,
  MAX_ROLE_CHARS,
  MAX_ROLE_ENTRIES,
  MAX_SUB_CHARS,
  MAX_TOKEN_CHARS,
  SUB_FORMAT,
  type TokenTimeLimits,
} from './token-limits';

/** How tokens are checked, resolved once at start from the environment. */
export interface TokenVerificationSettings {
  readonly hs256Secret?: string;
  readonly rs256PublicKeyPem?: string;
  readonly jwksUrl?: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** JWT_MAX_LIFETIME_SECONDS (default 24 h). */
  readonly maxLifetimeSeconds?: number;
  /** JWT_CLOCK_SKEW_SECONDS (default 60). */
  readonly clockSkewSeconds?: number;
}
export const TOKEN_VERIFICATION_SETTINGS = Symbol('TokenVerificationSettings');

const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);

/** Verified tokens kept (by their exact text) until they expire; bounded, cleared when full. */
const VERIFIED_CACHE_LIMIT = 10_000;

/**
 * Verifies bearer tokens: HS256 with a shared secret (embedded default), or RS256 with a public
 * key or a JWKS endpoint (production identity providers). `exp` is always required; `iss` and
 * `aud` are checked when configured; the lifetime, the clock skew and the size of every claim
 * are bounded (token-limits.ts). Each refusal names the claim.
 */
@Injectable()
export class TokenVerifier {
  private readonly key: Promise<Uint8Array | KeyLike | JWTVerifyGetKey>;
  private readonly algorithms: string[];
  private readonly limits: TokenTimeLimits;
  /**
   * A client sends the same token on every request until it expires; verifying the signature
   * once is enough. Keyed by the whole token text, so a hit is the very bytes already verified;
   * `exp` is still checked on every hit.
   */
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(
    @Inject(TOKEN_VERIFICATION_SETTINGS) private readonly settings: TokenVerificationSettings,
  ) {
    this.limits = {
      maxLifetimeSeconds: settings.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS,
      clockSkewSeconds: settings.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS,
    };
    if (settings.jwksUrl) {
      this.key = Promise.resolve(createRemoteJWKSet(new URL(settings.jwksUrl)));
      this.algorithms = ['RS256'];
    } else if (settings.rs256PublicKeyPem) {
      this.key = importSPKI(settings.rs256PublicKeyPem, 'RS256');
      this.algorithms = ['RS256'];
    } else if (settings.hs256Secret) {
      this.key = Promise.resolve(new TextEncoder().encode(settings.hs256Secret));
      this.algorithms = ['HS256'];
    } else {
      throw new Error('no token verification key configured');
    }
  }

  async verify(token: string): Promise<Principal> {
    // Before any parsing: a huge token costs nothing to refuse.
    if (token.length > MAX_TOKEN_CHARS) {
      throw new AuthenticationError(`token is too large (over ${MAX_TOKEN_CHARS} characters)`);
    }
    const cached = this.verified.get(token);
    if (cached) {
      if (cached.expiresAtMs > Date.now()) return cached.principal;
      this.verified.delete(token);
      throw new AuthenticationError('token has expired');
    }
    let payload: JWTPayload;
    try {
      const key = await this.key;
      const options = {
        algorithms: this.algorithms,
        requiredClaims: ['exp', 'sub'],
        // exp and nbf are checked against our clock with this tolerance; iat below.
        clockTolerance: this.limits.clockSkewSeconds,
        ...(this.settings.issuer ? { issuer: this.settings.issuer } : {}),
        ...(this.settings.audience ? { audience: this.settings.audience } : {}),
      };
      ({ payload } =
        typeof key === 'function'
          ? await jwtVerify(token, key, options)
          : await jwtVerify(token, key, options));
    } catch (error) {
      throw new AuthenticationError(describeJoseError(error));
    }
    assertTokenTimes(payload, Math.floor(Date.now() / 1000), this.limits);
    const principal = principalFromClaims(payload);
    if (this.verified.size >= VERIFIED_CACHE_LIMIT) this.verified.clear();
    // requiredClaims and assertTokenTimes guarantee a finite numeric exp. A cached token
    // expires on our clock without the skew: a hit is never accepted later than a fresh check.
    this.verified.set(token, { principal, expiresAtMs: (payload.exp ?? 0) * 1000 });
    return principal;
  }
}

export function principalFromClaims(payload: JWTPayload): Principal {
  const { sub, roles, programs } = payload as JWTPayload & { roles?: unknown; programs?: unknown };
  if (typeof sub !== 'string' || sub.length === 0)
    throw new AuthenticationError('token has no sub claim');
  // sub becomes the actor stored in every event the token causes.
  if (sub.length > MAX_SUB_CHARS || !SUB_FORMAT.test(sub)) {
    throw new AuthenticationError(
      `token claim "sub" must be 1–${MAX_SUB_CHARS} letters, digits or . _ @ : + | / = ~ -`,
    );
  }
  if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) {
    throw new AuthenticationError('token claim "roles" must be an array of role names');
  }
  if (roles.length > MAX_ROLE_ENTRIES || roles.some((role) => role.length > MAX_ROLE_CHARS)) {
    throw new AuthenticationError(
      `token claim "roles" must hold at most ${MAX_ROLE_ENTRIES} names of at most ${MAX_ROLE_CHARS} characters`,
    );
  }
  let programScope: Principal['programs'];
  if (programs === '*') programScope = '*';
  else if (Array.isArray(programs) && programs.every((id) => typeof id === 'string'))
    programScope = programs;
  else
    throw new AuthenticationError('token claim "programs" must be "*" or an array of program ids');
  if (
    programScope !== '*' &&
    (programScope.length > MAX_PROGRAM_ENTRIES || !programScope.every((id) => RESOURCE_ID.test(id)))
  ) {
    throw new AuthenticationError(
      `token claim "programs" must hold at most ${MAX_PROGRAM_ENTRIES} program ids (letters, digits or . _ : -, at most 100 characters each)`,
    );
  }
  return {
    sub,
    // Unknown role names grant nothing; they are dropped rather than trusted.
    roles: roles.filter((role): role is Role => KNOWN_ROLES.has(role)),
    programs: programScope,
  };
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed)
    return `token claim "${error.claim}" is invalid: ${error.reason}`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return 'token signature does not verify';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'token algorithm is not accepted';
  if (error instanceof joseErrors.JOSEError) return `token is invalid (${error.code})`;
  return 'token is invalid';
}
