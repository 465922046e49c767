/** The stream kept moving under us for every retry: answered 409 (P2). */
export class ConcurrencyConflictError extends Error {
  override readonly name = 'ConcurrencyConflictError';
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`stream ${streamId} changed concurrently ${attempts} times; retry the command`);
  }
}

/** The Idempotency-Key was already used for a different request: answered 422 (P3). */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(readonly key: string) {
    super(`Idempotency-Key ${key} was already used for a different request`);
  }
}
