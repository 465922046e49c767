import { setTimeout as sleep } from 'node:timers/promises';
import {
  PositionWaitTimeoutError,
  type EngineDegradation,
  type ProjectionEngine,
} from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';

/** Injection token: how far the read models have applied the log. */
export const READ_PROGRESS = Symbol('ReadProgress');

/**
 * How far each read model has applied the log, seen from the query side. In embedded mode the
 * engine runs in this process and knows; with PROJECTOR=external another process (apps/projector)
 * writes, and the only shared truth is the checkpoints it saves after the documents (P5).
 */
export interface ReadProgress {
  /** The log position `projection` has applied (its documents reflect at least this). */
  applied(projection: string): Promise<number>;
  /**
   * Resolves once `projection` has applied `position`; rejects with PositionWaitTimeoutError
   * after `timeoutMs` (or with the engine's error when it stops first).
   */
  waitFor(projection: string, position: number, timeoutMs: number): Promise<void>;
  /** Whether the read side is running (health). */
  describe(): ReadProgressState;
}

export interface ReadProgressState {
  readonly state: string;
  readonly positions?: Readonly<Record<string, number>>;
  /** Why the engine stopped, when it failed. */
  readonly error?: string;
  /** Why the engine is waiting to resume (a store it needs is away). */
  readonly degraded?: EngineDegradation;
}

/** The engine runs in-process: positions are in memory, waits are woken by each batch. */
export class InProcessReadProgress implements ReadProgress {
  constructor(private readonly engine: ProjectionEngine) {}

  applied(projection: string): Promise<number> {
    return Promise.resolve(this.engine.position(projection) ?? 0);
  }

  waitFor(_projection: string, position: number, timeoutMs: number): Promise<void> {
    // One loop moves every projection of the engine together, so the lowest one is the bound.
    return this.engine.waitForPosition(position, timeoutMs);
  }

  describe(): ReadProgressState {
    return {
      state: this.engine.state,
      positions: this.engine.positions(),
      ...(this.engine.error ? { error: this.engine.error.message } : {}),
      ...(this.engine.degraded ? { degraded: this.engine.degraded } : {}),
    };
  }
}

/** Checkpoints polled this often while a query waits for a position. */
const POLL_MS = 20;

/** apps/projector writes: the checkpoints in the read store tell how far it got. */
export class CheckpointReadProgress implements ReadProgress {
  constructor(private readonly store: ReadStore) {}

  async applied(projection: string): Promise<number> {
    return (await this.store.getCheckpoint(projection)) ?? 0;
  }

  /**
   * A checkpoint read that fails or outlasts the wait (the read store is away: a restart, a
   * failover) counts as "not applied yet", as the projector itself is waiting the outage out:
   * the query answers 503 read-model-behind within `timeoutMs`, never a 500, and never only
   * after the driver's server-selection timeout (issue 13).
   */
  async waitFor(projection: string, position: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let reached = 0;
    for (;;) {
      const read = await this.appliedWithin(projection, Math.max(1, deadline - Date.now()));
      if (read !== undefined) reached = read;
      if (reached >= position) return;
      if (Date.now() >= deadline) throw new PositionWaitTimeoutError(position, timeoutMs, reached);
      await sleep(Math.min(POLL_MS, Math.max(1, deadline - Date.now())));
    }
  }

  /** The checkpoint, or undefined when the store fails or does not answer within `ms`. */
  private async appliedWithin(projection: string, ms: number): Promise<number | undefined> {
    const abandon = new AbortController();
    const read = this.applied(projection).catch(() => undefined);
    try {
      return await Promise.race([
        read,
        sleep(ms, undefined, { signal: abandon.signal }).catch(() => undefined),
      ]);
    } finally {
      abandon.abort();
    }
  }

  describe(): ReadProgressState {
    return { state: 'external' };
  }
}
