import { Inject, Injectable, Optional } from '@nestjs/common';
import { CHECKPOINT_STORE, type CheckpointStore } from '@ledger/event-store';
import { LOG_CHECKPOINTER, type RunningLogCheckpointer } from '../audit/running-log-checkpointer';
import { messageOf, type ComponentHealth } from './health-report';

/**
 * The log's signed checkpoints (P10): `up` with the latest one (its size, last position and
 * time: how far the log is signed), `down` once this process's checkpoint writer stopped for good
 * (a stored frontier that does not fold to its signed root, a thread that cannot start again):
 * every event after that is unsigned, an audit gap an operator must see, not only a log line.
 * `degraded` while the checkpoints cannot be read. Absent where the log keeps no checkpoints.
 */
@Injectable()
export class CheckpointsHealthIndicator {
  private failure: Error | undefined;

  constructor(
    @Optional()
    @Inject(CHECKPOINT_STORE)
    private readonly checkpoints?: CheckpointStore | null,
    // Only where this process runs the writer (ProjectorModule).
    @Optional() @Inject(LOG_CHECKPOINTER) writer?: RunningLogCheckpointer | null,
  ) {
    void writer?.failed.then((error) => (this.failure = error));
  }

  async check(): Promise<ComponentHealth | undefined> {
    if (!this.checkpoints) return undefined;
    if (this.failure)
      return { status: 'down', message: `checkpoint writer stopped: ${this.failure.message}` };
    try {
      const latest = await this.checkpoints.latest();
      return {
        status: 'up',
        signedSize: latest?.size ?? 0,
        lastPosition: latest?.lastPosition ?? 0,
        signedAt: latest?.timestamp ?? null,
      };
    } catch (error) {
      return { status: 'degraded', message: `checkpoints unreadable: ${messageOf(error)}` };
    }
  }
}
