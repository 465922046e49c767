import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKeyPem, keyIdOf, parseSigningKey } from '@ledger/audit';
import { resolveLedgerSigningKey, SIGNING_KEY_FILE_NAME } from './ledger-signing-key';

describe('resolveLedgerSigningKey', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates an owner-only Ed25519 key in DATA_DIR on first start and reads the same one after', () => {
    const first = resolveLedgerSigningKey(join(dir, 'data'));
    expect(first.source).toBe('created');
    const path = join(dir, 'data', SIGNING_KEY_FILE_NAME);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = resolveLedgerSigningKey(join(dir, 'data'));
    expect(again.source).toBe('data-dir');
    expect(keyIdOf(again.key)).toBe(keyIdOf(first.key));
    expect(keyIdOf(parseSigningKey(readFileSync(path, 'utf8')))).toBe(keyIdOf(first.key));
  });

  it('takes LEDGER_SIGNING_KEY (with \\n escapes) over the file, and writes nothing', () => {
    const pem = generateSigningKeyPem();
    const resolved = resolveLedgerSigningKey(dir, pem.trim().split('\n').join('\\n'));
    expect(resolved.source).toBe('LEDGER_SIGNING_KEY');
    expect(keyIdOf(resolved.key)).toBe(keyIdOf(parseSigningKey(pem)));
    expect(() => statSync(join(dir, SIGNING_KEY_FILE_NAME))).toThrow();
  });
});
