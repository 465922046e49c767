import { TooManyRequestsError } from '@ledger/runtime';

/** Seconds a refused client is told to wait: feeds are long-lived, a slot frees up slowly. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Counts open feeds per token subject and in total. The rate limiter counts requests, and one
 * feed is one request that lasts for hours, so streams need their own ceiling. In-process: each
 * api process enforces its own limits.
 */
export class FeedConnectionLimits {
  private readonly bySubject = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly maxPerSubject: number,
    private readonly maxTotal: number,
  ) {}

  /** Takes a slot, or throws TooManyRequestsError (429); call the returned release once. */
  acquire(subject: string): () => void {
    const held = this.bySubject.get(subject) ?? 0;
    if (held >= this.maxPerSubject) {
      throw new TooManyRequestsError(
        RETRY_AFTER_SECONDS,
        `too many open feeds for this token (${this.maxPerSubject}); close one or retry later`,
      );
    }
    if (this.total >= this.maxTotal) {
      throw new TooManyRequestsError(
        RETRY_AFTER_SECONDS,
        `the server holds its maximum of ${this.maxTotal} open feeds; retry later`,
      );
    }
    this.bySubject.set(subject, held + 1);
    this.total += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= 1;
      const left = (this.bySubject.get(subject) ?? 1) - 1;
      if (left === 0) this.bySubject.delete(subject);
      else this.bySubject.set(subject, left);
    };
  }

  get open(): number {
    return this.total;
  }
}
