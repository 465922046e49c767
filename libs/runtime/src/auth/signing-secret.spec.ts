import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existingSigningSecret, resolveSigningSecret } from './signing-secret';

describe('resolveSigningSecret', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses JWT_SECRET when set and writes nothing', () => {
    expect(resolveSigningSecret(dir, 'from-the-environment-0123456789abcdef')).toEqual({
      secret: 'from-the-environment-0123456789abcdef',
      source: 'JWT_SECRET',
    });
    expect(() => statSync(join(dir, 'jwt-secret'))).toThrow();
  });

  it('creates an owner-only secret in the data folder on first start and reuses it after', () => {
    const first = resolveSigningSecret(join(dir, 'data'));
    expect(first.source).toBe('created');
    expect(first.secret.length).toBeGreaterThanOrEqual(48);
    expect(statSync(first.path!).mode & 0o777).toBe(0o600);
    const again = resolveSigningSecret(join(dir, 'data'));
    expect(again).toMatchObject({ source: 'data-dir', secret: first.secret });
  });
});

describe('existingSigningSecret (what npm run token signs with)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the server's secret from its data folder", () => {
    const server = resolveSigningSecret(join(dir, 'data'));
    expect(existingSigningSecret(join(dir, 'data'))).toMatchObject({
      source: 'data-dir',
      secret: server.secret,
    });
  });

  it('never creates a second secret: it refuses, naming the path and DATA_DIR', () => {
    const elsewhere = join(dir, 'other-data');
    expect(() => existingSigningSecret(elsewhere)).toThrow(
      new RegExp(`no token secret at ${join(elsewhere, 'jwt-secret')} \\(DATA_DIR=${elsewhere}\\)`),
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('uses JWT_SECRET when set', () => {
    expect(existingSigningSecret(dir, 'from-the-environment-0123456789abcdef')).toMatchObject({
      source: 'JWT_SECRET',
    });
  });
});
