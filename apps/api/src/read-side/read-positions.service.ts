import { Injectable } from '@nestjs/common';
import { PositionWaitTimeoutError, ProjectionEngine } from '@ledger/projections';

/** Default bound of a read-your-writes wait (issue 4: 5 s). */
export const DEFAULT_WAIT_MS = 5000;

/** The read model is behind `minPosition` after the wait: answered 503 with Retry-After. */
export class ReadModelBehindError extends Error {
  override readonly name = 'ReadModelBehindError';
  constructor(
    readonly minPosition: number,
    readonly reached: number,
    readonly retryAfterSeconds = 1,
  ) {
    super(`the read model has applied the log up to ${reached}, not yet ${minPosition}`);
  }
}

/** Read-your-writes for query routes: waits for a position, tells which position is served. */
@Injectable()
export class ReadPositions {
  constructor(private readonly engine: ProjectionEngine) {}

  /** The log position the named projection has applied (documents reflect at least this). */
  applied(projection: string): number {
    return this.engine.positions()[projection] ?? 0;
  }

  /** Waits until the read models applied `minPosition` (if given), at most `waitMs`. */
  async waitFor(minPosition: number | undefined, waitMs = DEFAULT_WAIT_MS): Promise<void> {
    if (minPosition === undefined) return;
    try {
      await this.engine.waitForPosition(minPosition, waitMs);
    } catch (error) {
      if (error instanceof PositionWaitTimeoutError) {
        throw new ReadModelBehindError(minPosition, error.reached);
      }
      throw new ReadModelBehindError(minPosition, this.reached());
    }
  }

  private reached(): number {
    const positions = Object.values(this.engine.positions());
    return positions.length === 0 ? 0 : Math.min(...positions);
  }
}
