import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PositionWaitTimeoutError } from '@ledger/projections';
import { READ_PROGRESS, type ReadProgress } from './read-progress';

/** Default bound of a read-your-writes wait (issue 4: 5 s). */
export const DEFAULT_WAIT_MS = 5000;

export const READ_POSITION_HEADER = 'x-read-position';

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

/** Read-your-writes parameters of every query (ReadQueryDto). */
export interface ReadConsistency {
  readonly minPosition?: number;
  readonly waitMs?: number;
}

/** Read-your-writes for query routes: waits for a position, tells which position is served. */
@Injectable()
export class ReadPositions {
  constructor(@Inject(READ_PROGRESS) private readonly progress: ReadProgress) {}

  /**
   * What every query route does first: wait until `projection` applied `minPosition` (if asked,
   * at most `waitMs`), put the position served in X-Read-Position, and return it. Read the
   * documents after this call: they reflect at least the position returned.
   */
  async serve(projection: string, query: ReadConsistency, reply: FastifyReply): Promise<number> {
    if (query.minPosition !== undefined) {
      await this.waitFor(projection, query.minPosition, query.waitMs ?? DEFAULT_WAIT_MS);
    }
    const position = await this.progress.applied(projection);
    void reply.header(READ_POSITION_HEADER, String(position));
    return position;
  }

  private async waitFor(projection: string, minPosition: number, waitMs: number): Promise<void> {
    try {
      await this.progress.waitFor(projection, minPosition, waitMs);
    } catch (error) {
      const reached =
        error instanceof PositionWaitTimeoutError
          ? error.reached
          : await this.progress.applied(projection);
      throw new ReadModelBehindError(minPosition, reached);
    }
  }
}
