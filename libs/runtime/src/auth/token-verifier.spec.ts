import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { AuthenticationError } from './auth.errors';
import { TokenVerifier } from './token-verifier';

const SECRET = 'unit-secret-unit-secret-unit-secret-0123';
const sign = (expiresAt: number) =>
  new SignJWT({ roles: ['pmo', 'not-a-role'], programs: ['p1'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('alice')
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(SECRET));

describe('TokenVerifier', () => {
  afterEach(() => jest.useRealTimers());

  it('reads sub, known roles and the programs claim; unknown roles grant nothing', async () => {
    const verifier = new TokenVerifier({ hs256Secret: SECRET });
    const token = await sign(Math.floor(Date.now() / 1000) + 60);
    await expect(verifier.verify(token)).resolves.toEqual({
      sub: 'alice',
      roles: ['pmo'],
      programs: ['p1'],
    });
  });

  it('keeps refusing a token once it expires, even after it was verified (and cached) before', async () => {
    const verifier = new TokenVerifier({ hs256Secret: SECRET });
    const now = Date.now();
    const token = await sign(Math.floor(now / 1000) + 2);
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'alice' });
    jest.useFakeTimers({ now: now + 5_000 });
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('refuses a token signed with another secret', async () => {
    const verifier = new TokenVerifier({ hs256Secret: 'another-secret-another-secret-another-1' });
    await expect(verifier.verify(await sign(Math.floor(Date.now() / 1000) + 60))).rejects.toThrow(
      /signature/,
    );
  });
});

describe('TokenVerifier with RS256 (identity provider keys)', () => {
  const claims = { roles: ['pmo'], programs: '*' };

  it('verifies with a PEM public key, and refuses an HS256 token there (no algorithm confusion)', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const verifier = new TokenVerifier({ rs256PublicKeyPem: await exportSPKI(publicKey) });
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('idp-user')
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'idp-user', programs: '*' });
    const hs = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
    await expect(verifier.verify(hs)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('verifies against a JWKS endpoint (a real HTTP server on loopback)', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const verifier = new TokenVerifier({ jwksUrl: `http://127.0.0.1:${port}/jwks.json` });
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('idp-user')
        .setExpirationTime('5m')
        .sign(privateKey);
      await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'idp-user' });
    } finally {
      server.close();
    }
  });

  it('checks iss and aud when they are configured', async () => {
    const verifier = new TokenVerifier({
      hs256Secret: SECRET,
      issuer: 'https://idp.example',
      audience: 'delivery-ledger',
    });
    const base = () =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('alice')
        .setExpirationTime('5m');
    const key = new TextEncoder().encode(SECRET);
    await expect(
      verifier.verify(
        await base().setIssuer('https://idp.example').setAudience('delivery-ledger').sign(key),
      ),
    ).resolves.toMatchObject({ sub: 'alice' });
    await expect(
      verifier.verify(
        await base().setIssuer('https://evil.example').setAudience('delivery-ledger').sign(key),
      ),
    ).rejects.toThrow(/iss/);
    await expect(
      verifier.verify(
        await base().setIssuer('https://idp.example').setAudience('other-app').sign(key),
      ),
    ).rejects.toThrow(/aud/);
  });
});

describe('TokenVerifier bounds what a correctly signed token may claim', () => {
  const key = new TextEncoder().encode(SECRET);
  const now = () => Math.floor(Date.now() / 1000);
  /** A token with exactly these claims (no defaults added by SignJWT). */
  const tokenWith = (claims: Record<string, unknown>) =>
    new SignJWT({ sub: 'alice', roles: ['pmo'], programs: '*', ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(key);
  const verifier = new TokenVerifier({
    hs256Secret: SECRET,
    maxLifetimeSeconds: 3600,
    clockSkewSeconds: 60,
  });
  const refusal = async (claims: Record<string, unknown>): Promise<string> => {
    const error: unknown = await verifier.verify(await tokenWith(claims)).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    return (error as Error).message;
  };

  it('accepts a token within the maximum lifetime, with or without iat', async () => {
    await expect(
      verifier.verify(await tokenWith({ iat: now(), exp: now() + 3600 })),
    ).resolves.toMatchObject({ sub: 'alice' });
    await expect(verifier.verify(await tokenWith({ exp: now() + 3600 }))).resolves.toMatchObject({
      sub: 'alice',
    });
  });

  it.each([
    ['exp in year 9999', () => ({ iat: now(), exp: 253402300799 })],
    ['exp of 1e300', () => ({ iat: now(), exp: 1e300 })],
    ['exp in year 9999 without iat', () => ({ exp: 253402300799 })],
    ['a lifetime one second over the maximum', () => ({ iat: now(), exp: now() + 3601 })],
    ['an old iat with a far exp', () => ({ iat: now() - 100_000, exp: now() + 3000 + 100_000 })],
  ])('refuses %s, naming exp and the maximum', async (_case, claims) => {
    expect(await refusal(claims())).toMatch(/"exp".*3600 s/);
  });

  it('refuses an iat beyond the clock skew, and accepts one within it', async () => {
    expect(await refusal({ iat: now() + 365 * 86400, exp: now() + 365 * 86400 + 60 })).toMatch(
      /"iat" is in the future/,
    );
    expect(await refusal({ iat: now() + 120, exp: now() + 600 })).toMatch(/"iat"/);
    await expect(
      verifier.verify(await tokenWith({ iat: now() + 30, exp: now() + 600 })),
    ).resolves.toMatchObject({ sub: 'alice' });
  });

  it('tolerates the clock skew on exp and nbf, not more', async () => {
    await expect(
      verifier.verify(await tokenWith({ iat: now() - 100, exp: now() - 30 })),
    ).resolves.toMatchObject({ sub: 'alice' });
    expect(await refusal({ iat: now() - 200, exp: now() - 90 })).toMatch(/expired/);
    await expect(
      verifier.verify(await tokenWith({ nbf: now() + 30, exp: now() + 600 })),
    ).resolves.toMatchObject({ sub: 'alice' });
    expect(await refusal({ nbf: now() + 120, exp: now() + 600 })).toMatch(/"nbf"/);
  });

  it.each([
    ['a 201-character sub', { sub: 'a'.repeat(201) }, /"sub"/],
    ['a sub with a newline', { sub: 'alice\nadmin' }, /"sub"/],
    ['a sub with a right-to-left override', { sub: 'alice\u202Eevil' }, /"sub"/],
    ['a sub with spaces', { sub: 'alice smith' }, /"sub"/],
    ['33 role entries', { roles: Array.from({ length: 33 }, () => 'pmo') }, /"roles"/],
    ['a 65-character role name', { roles: ['pmo', 'r'.repeat(65)] }, /"roles"/],
    ['201 programs', { programs: Array.from({ length: 201 }, (_, i) => `p${i}`) }, /"programs"/],
    ['a program id with a slash', { programs: ['p1/../p2'] }, /"programs"/],
  ])('refuses %s, naming the claim', async (_case, claims, claim) => {
    expect(await refusal({ exp: now() + 600, ...claims })).toMatch(claim);
  });

  it('accepts the subjects identity providers issue', async () => {
    for (const sub of [
      'auth0|5f7c8ec7c33c6c004bbafe82',
      'alice@example.com',
      '0b3f9c1e-7a1d-4c55-9d0e-3f1c2b4a5d6e',
      'service-account:erp-bridge',
      'ledger-cli@operator',
    ]) {
      await expect(
        verifier.verify(await tokenWith({ sub, exp: now() + 600 })),
      ).resolves.toMatchObject({ sub });
    }
  });

  it('refuses a token over 8 KB before reading it', async () => {
    const padded = await tokenWith({ exp: now() + 600, pad: 'x'.repeat(9000) });
    await expect(verifier.verify(padded)).rejects.toThrow(/too large/);
  });

  it('defaults to a 24 h maximum and a 60 s skew', async () => {
    const defaults = new TokenVerifier({ hs256Secret: SECRET });
    await expect(
      defaults.verify(await tokenWith({ iat: now(), exp: now() + 86400 })),
    ).resolves.toMatchObject({ sub: 'alice' });
    await expect(
      defaults.verify(await tokenWith({ iat: now(), exp: now() + 86401 })),
    ).rejects.toThrow(/"exp".*86400 s/);
  });
});
