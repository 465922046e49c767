import { createHmac } from 'node:crypto';
import { TEST_JWT_SECRET } from '../support/test-app';

/** Tokens a server must refuse with 401, however plausible their claims look. */

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: 'mallory',
    roles: ['admin', 'pmo'],
    programs: '*',
    iat: now,
    exp: now + 600,
    ...overrides,
  };
}

function signHs256(payload: Record<string, unknown>, secret: string): string {
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export const hostileTokens = (): Record<'expired' | 'forged' | 'algNone', string> => {
  const now = Math.floor(Date.now() / 1000);
  return {
    /** Signed with the server's own secret, but expired an hour ago (beyond any clock skew). */
    expired: signHs256(claims({ iat: now - 7200, exp: now - 3600 }), TEST_JWT_SECRET),
    /** Valid claims signed with a secret the server does not have. */
    forged: signHs256(claims(), 'not-the-servers-secret-but-just-as-long-0123456789'),
    /** `alg: none`, no signature: the classic JWT bypass. */
    algNone: `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims())}.`,
  };
};
