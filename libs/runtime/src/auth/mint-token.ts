import { SignJWT } from 'jose';
import type { Role } from '@ledger/domain';

export interface TokenRequest {
  readonly secret: string;
  readonly sub: string;
  readonly roles: readonly Role[];
  readonly programs: '*' | readonly string[];
  readonly ttlSeconds: number;
  readonly issuer?: string;
  readonly audience?: string;
}

/** An HS256 token with the claims the API reads. For development, tests and the embedded default. */
export function mintToken(request: TokenRequest): Promise<string> {
  let jwt = new SignJWT({
    roles: [...request.roles],
    programs: request.programs === '*' ? '*' : [...request.programs],
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds}s`);
  if (request.issuer) jwt = jwt.setIssuer(request.issuer);
  if (request.audience) jwt = jwt.setAudience(request.audience);
  return jwt.sign(new TextEncoder().encode(request.secret));
}
