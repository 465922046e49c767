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
