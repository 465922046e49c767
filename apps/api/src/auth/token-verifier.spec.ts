import { SignJWT } from 'jose';
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
