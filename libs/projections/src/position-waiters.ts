import { PositionWaitTimeoutError } from './projection.errors';

interface Waiter {
  readonly position: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Callers waiting for the read models to reach a log position (read-your-writes): each is
 * settled when a batch moves the lowest checkpoint to or past its position, times out on its
 * own, or is rejected when the engine fails or stops.
 */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  /** `reached` tells the position at the moment of a timeout (for the error's message). */
  wait(position: number, timeoutMs: number, reached: () => number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new PositionWaitTimeoutError(position, timeoutMs, reached()));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Resolves every waiter at or below `reached`. */
  settle(reached: number): void {
    for (const waiter of this.waiters) {
      if (waiter.position <= reached) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  rejectAll(error: Error): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.waiters.clear();
  }
}
