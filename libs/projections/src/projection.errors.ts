/** A projection threw on an event: the engine stopped there, nothing of that batch was written. */
export class ProjectionFailedError extends Error {
  override readonly name = 'ProjectionFailedError';
  constructor(
    readonly projection: string,
    readonly eventPosition: number,
    readonly eventType: string,
    readonly streamId: string,
    override readonly cause: unknown,
  ) {
    super(
      `projection "${projection}" failed on event ${eventType} at position ${eventPosition} ` +
        `(stream ${streamId}): ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

/**
 * A projection's `derived.derive` threw on a folded document (Projection.derived): the engine
 * stopped before writing anything of that flush.
 */
export class ProjectionDerivationFailedError extends Error {
  override readonly name = 'ProjectionDerivationFailedError';
  constructor(
    readonly projection: string,
    readonly documentId: string,
    readonly documentPosition: number,
    override readonly cause: unknown,
  ) {
    super(
      `projection "${projection}" failed deriving document ${documentId} at position ` +
        `${documentPosition}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

/** Reading the log or writing the read store failed: the engine stopped, state is consistent. */
export class ProjectionEngineStoreError extends Error {
  override readonly name = 'ProjectionEngineStoreError';
  constructor(
    readonly operation: string,
    override readonly cause: unknown,
  ) {
    super(
      `projection engine stopped: ${operation} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

/** `waitForPosition` gave up: the read models had not applied the position in time. */
export class PositionWaitTimeoutError extends Error {
  override readonly name = 'PositionWaitTimeoutError';
  constructor(
    readonly position: number,
    readonly timeoutMs: number,
    readonly reached: number,
  ) {
    super(`read models did not reach position ${position} within ${timeoutMs} ms (at ${reached})`);
  }
}

/** The engine was stopped (or never started) while a caller waited for a position. */
export class ProjectionEngineStoppedError extends Error {
  override readonly name = 'ProjectionEngineStoppedError';
  constructor() {
    super('the projection engine is stopped');
  }
}
