import { generateKeyPairSync } from 'node:crypto';
import {
  checkpointSigningBytes,
  generateSigningKeyPem,
  keyIdOf,
  parsePublicKey,
  parseSigningKey,
  publicKeyPem,
  signCheckpoint,
  verifyCheckpointSignature,
} from './signed-checkpoint';

const body = {
  size: 1000,
  lastPosition: 1003,
  rootHash: 'ab'.repeat(32),
  timestamp: '2025-03-01T10:00:00.000Z',
};

describe('signed checkpoints (Ed25519)', () => {
  const key = parseSigningKey(generateSigningKeyPem());
  const publicKey = parsePublicKey(publicKeyPem(key));

  it('signs the documented byte string', () => {
    expect(checkpointSigningBytes(body).toString('utf8')).toBe(
      'delivery-ledger checkpoint v1\nsize 1000\nlast-position 1003\n' +
        `root ${'ab'.repeat(32)}\ntimestamp 2025-03-01T10:00:00.000Z\n`,
    );
  });

  it('verifies with the public key, and names the key that signed', () => {
    const signed = signCheckpoint(body, key);
    expect(verifyCheckpointSignature(signed, publicKey)).toBe(true);
    expect(signed.keyId).toBe(keyIdOf(publicKey));
    expect(signed.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('fails when any signed field changes, the signature is bent, or another key signed', () => {
    const signed = signCheckpoint(body, key);
    for (const forged of [
      { ...signed, size: 1001 },
      { ...signed, lastPosition: 1004 },
      { ...signed, rootHash: 'cd'.repeat(32) },
      { ...signed, timestamp: '2025-03-01T10:00:00.001Z' },
      { ...signed, signature: Buffer.alloc(64).toString('base64') },
      { ...signed, signature: 'not base64 at all' },
    ])
      expect(verifyCheckpointSignature(forged, publicKey)).toBe(false);
    const other = generateKeyPairSync('ed25519').privateKey;
    const foreign = signCheckpoint(body, other);
    expect(verifyCheckpointSignature(foreign, publicKey)).toBe(false);
    expect(foreign.keyId).not.toBe(signed.keyId);
  });

  it('reads a PEM with \\n escapes (an environment variable) and refuses a non-Ed25519 key', () => {
    const pem = generateSigningKeyPem();
    const escaped = pem.trim().split('\n').join('\\n');
    expect(keyIdOf(parseSigningKey(escaped))).toBe(keyIdOf(parseSigningKey(pem)));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() => parseSigningKey(rsa.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow(
      /must be Ed25519, got rsa/,
    );
  });
});
