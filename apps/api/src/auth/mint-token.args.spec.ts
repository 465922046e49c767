import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSigningSecret, validateEnvironment } from '@ledger/runtime';
import { parseTtl, tokenSigning } from './mint-token.args';

describe('npm run token: what it signs with and what it refuses', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-mint-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads --ttl as seconds', () => {
    expect([parseTtl('900'), parseTtl('30m'), parseTtl('8h'), parseTtl('1d')]).toEqual([
      900, 1800, 28800, 86400,
    ]);
    expect(() => parseTtl('8 hours')).toThrow(/--ttl/);
    expect(() => parseTtl('0s')).toThrow(/at least one second/);
  });

  it("signs with the server's secret from the same DATA_DIR, and says which on stderr", () => {
    const server = resolveSigningSecret(dir);
    const signing = tokenSigning(validateEnvironment({ DATA_DIR: dir }), 3600);
    expect(signing.secret).toBe(server.secret);
    expect(signing.note).toContain(join(dir, 'jwt-secret'));
  });

  it('refuses, naming the path and DATA_DIR, when no server secret is there (and creates none)', () => {
    const other = join(dir, 'not-the-servers');
    expect(() => tokenSigning(validateEnvironment({ DATA_DIR: other }), 3600)).toThrow(
      /no token secret at .*not-the-servers\/jwt-secret \(DATA_DIR=.*not-the-servers\)/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a --ttl over JWT_MAX_LIFETIME_SECONDS (default 24 h)', () => {
    const env = validateEnvironment({ JWT_SECRET: 'x'.repeat(32) });
    expect(tokenSigning(env, 86400).secret).toBe('x'.repeat(32));
    expect(() => tokenSigning(env, 86401)).toThrow(/JWT_MAX_LIFETIME_SECONDS/);
    const strict = validateEnvironment({
      JWT_SECRET: 'x'.repeat(32),
      JWT_MAX_LIFETIME_SECONDS: '600',
    });
    expect(() => tokenSigning(strict, 601)).toThrow(/601 s is over the 600 s/);
  });

  it('refuses a JWT_SECRET the server would refuse (under 32 characters), with its message', () => {
    expect(() => validateEnvironment({ JWT_SECRET: 'short-secret' })).toThrow(
      /JWT_SECRET must be at least 32 characters/,
    );
  });

  it('refuses when the server verifies RS256 tokens from an identity provider', () => {
    const env = validateEnvironment({ JWT_JWKS_URL: 'https://idp.example/jwks.json' });
    expect(() => tokenSigning(env, 600)).toThrow(/identity provider/);
  });
});
