/** No token, or one that does not verify: 401. The message says which, never the secret. */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

/** A verified caller without the role or program the route needs: 403. */
export class AuthorizationError extends Error {
  override readonly name = 'AuthorizationError';
  constructor(
    message: string,
    readonly code: 'role-required' | 'program-not-in-claim',
  ) {
    super(message);
  }
}
