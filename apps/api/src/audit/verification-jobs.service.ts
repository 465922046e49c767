import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { LogVerification, LogVerifier } from '@ledger/audit';

export type VerificationJobStatus = 'running' | 'done' | 'failed';

export interface VerificationJob {
  readonly id: string;
  readonly status: VerificationJobStatus;
  readonly startedAt: string;
  readonly startedBy: string;
  readonly finishedAt: string | null;
  /** Events checked so far, of `total` (the log's head position when the job started). */
  readonly progress: {
    readonly checked: number;
    readonly total: number;
    readonly position: number;
  };
  readonly result: LogVerification | null;
  /** Why the job could not finish (a store error), not a verification finding. */
  readonly error: string | null;
}

/** How many finished jobs are kept for their status route; the oldest are forgotten first. */
const KEPT_JOBS = 20;

/**
 * Whole-log verifications run as jobs (issue 10 §2): the verifier streams the log in bounded
 * memory, which takes time proportional to the log, longer than an HTTP request should wait.
 * One runs at a time per process (a second start answers the running one), so the route cannot
 * be used to load the store with parallel full scans. Jobs live in memory: a restart forgets them
 * (verification is repeatable; nothing is lost but the answer, which is recomputed on demand).
 */
@Injectable()
export class VerificationJobs {
  private readonly logger = new Logger('VerificationJobs');
  private readonly jobs = new Map<string, VerificationJob>();
  private running: string | null = null;

  /**
   * Starts a verification with `verifier`, or answers the one already running. `correlationId`
   * is the starting request's, named on the job's failure line: no per-request logging context
   * follows the request into the job (see RequestLog).
   */
  start(verifier: LogVerifier, startedBy: string, correlationId: string): VerificationJob {
    const current = this.running ? this.jobs.get(this.running) : undefined;
    if (current) return current;
    const id = randomUUID();
    const job: VerificationJob = {
      id,
      status: 'running',
      startedAt: new Date().toISOString(),
      startedBy,
      finishedAt: null,
      progress: { checked: 0, total: 0, position: 0 },
      result: null,
      error: null,
    };
    this.remember(job);
    this.running = id;
    const update = (change: Partial<VerificationJob>): void => {
      const latest = this.jobs.get(id);
      if (latest) this.jobs.set(id, { ...latest, ...change });
    };
    void verifier
      .verifyLog((progress) =>
        update({
          progress: {
            checked: progress.checkedEvents,
            total: Math.max(progress.headPosition, progress.checkedEvents),
            position: progress.position,
          },
        }),
      )
      .then(
        (result) => update({ status: 'done', result, finishedAt: new Date().toISOString() }),
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          this.logger.error({ correlationId, msg: `verification ${id} failed: ${message}` });
          update({ status: 'failed', error: message, finishedAt: new Date().toISOString() });
        },
      )
      .finally(() => {
        if (this.running === id) this.running = null;
      });
    return job;
  }

  get(id: string): VerificationJob | undefined {
    return this.jobs.get(id);
  }

  private remember(job: VerificationJob): void {
    this.jobs.set(job.id, job);
    for (const [id, kept] of this.jobs) {
      if (this.jobs.size <= KEPT_JOBS) break;
      if (kept.status !== 'running') this.jobs.delete(id);
    }
  }
}
