import { resolve } from 'node:path';
import { type Environment, existingSigningSecret } from '@ledger/runtime';

/** `--ttl` as seconds: `900`, `900s`, `30m`, `8h`, `1d`. */
export function parseTtl(text: string): number {
  const match = /^(\d{1,9})([smhd]?)$/.exec(text);
  if (!match) throw new Error(`--ttl ${text}: use e.g. 900s, 30m, 8h, 1d`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = Number(match[1]) * unit;
  if (seconds < 1) throw new Error(`--ttl ${text}: a token must live at least one second`);
  return seconds;
}

/**
 * What `npm run token` signs with, refusing every token the server configured by the same
 * environment would refuse: a lifetime over JWT_MAX_LIFETIME_SECONDS, a server that verifies
 * RS256 tokens from an identity provider, or no secret the server knows (see
 * existingSigningSecret). `env` is validated like the server's, so a JWT_SECRET under 32
 * characters has already stopped the command with the server's own message.
 */
export function tokenSigning(
  env: Environment,
  ttlSeconds: number,
): { readonly secret: string; readonly note?: string } {
  if (env.JWT_JWKS_URL || env.JWT_PUBLIC_KEY) {
    throw new Error(
      'the server verifies RS256 tokens from your identity provider (JWT_JWKS_URL or ' +
        'JWT_PUBLIC_KEY is set): get a token there; an HS256 token from here would get 401',
    );
  }
  if (ttlSeconds > env.JWT_MAX_LIFETIME_SECONDS) {
    throw new Error(
      `--ttl of ${ttlSeconds} s is over the ${env.JWT_MAX_LIFETIME_SECONDS} s the server accepts ` +
        `(JWT_MAX_LIFETIME_SECONDS): the server would answer 401`,
    );
  }
  const signing = existingSigningSecret(env.DATA_DIR, env.JWT_SECRET);
  return signing.source === 'JWT_SECRET'
    ? { secret: signing.secret }
    : {
        secret: signing.secret,
        // On stderr, so that TOKEN=$(npm run -s token ...) still captures only the token.
        note: `signed with ${resolve(signing.path ?? '')} (DATA_DIR=${env.DATA_DIR}): a server with another DATA_DIR refuses it`,
      };
}
