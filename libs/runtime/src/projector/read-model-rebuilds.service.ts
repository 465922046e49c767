import { Injectable, Logger } from '@nestjs/common';
import { ProjectionEngine, type RebuildProgress } from '@ledger/projections';
import { readModelErrors } from './read-model.errors';

/** What an operator sees of one read model's latest rebuild (GET …/read-models/:name). */
export interface RebuildStatus {
  readonly readModel: string;
  readonly state: 'running' | 'swapped' | 'failed';
  readonly phase: RebuildProgress['phase'];
  readonly requestedBy: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly position: number;
  readonly head: number;
  readonly events: number;
  readonly documents: number | null;
  readonly error: string | null;
}

/**
 * Rebuilds run by the process that writes the read models (the in-process engine of the api,
 * or apps/projector): the swap happens between two live batches, so no stale batch can land on
 * the fresh collection. One rebuild per read model at a time; the latest status is kept in
 * memory (the rebuild itself is restartable: a crash before the swap leaves the live read
 * model as it was).
 */
@Injectable()
export class ReadModelRebuilds {
  private readonly logger = new Logger('Rebuild');
  private readonly statuses = new Map<string, RebuildStatus>();

  constructor(private readonly engine: ProjectionEngine) {}

  status(readModel: string): RebuildStatus | null {
    return this.statuses.get(readModel) ?? null;
  }

  /**
   * Starts a rebuild in the background and answers its first status. `correlationId` is the
   * asking request's, named on the rebuild's lines: no per-request logging context follows the
   * request into the rebuild (see RequestLog).
   */
  start(readModel: string, requestedBy: string, correlationId: string): RebuildStatus {
    if (!this.engine.readModels().includes(readModel)) {
      throw readModelErrors.notFound(readModel);
    }
    if (this.statuses.get(readModel)?.state === 'running') {
      throw readModelErrors.rebuildAlreadyRunning(readModel);
    }
    let status: RebuildStatus = {
      readModel,
      state: 'running',
      phase: 'replaying',
      requestedBy,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      position: 0,
      head: 0,
      events: 0,
      documents: null,
      error: null,
    };
    const update = (patch: Partial<RebuildStatus>): void => {
      status = { ...status, ...patch };
      this.statuses.set(readModel, status);
    };
    update({});
    this.logger.log({ correlationId, msg: `rebuild of ${readModel} requested by ${requestedBy}` });
    this.engine
      .rebuild(readModel, ({ phase, position, head, events }) =>
        update({ phase, position, head, events }),
      )
      .then(
        (result) => {
          update({
            state: 'swapped',
            phase: 'swapped',
            finishedAt: new Date().toISOString(),
            position: result.position,
            documents: result.documents,
          });
          this.logger.log({
            correlationId,
            msg:
              `rebuild of ${readModel} swapped in at position ${result.position}: ` +
              `${result.events} events, ${result.documents} documents, ${result.elapsedMs} ms`,
          });
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          update({ state: 'failed', finishedAt: new Date().toISOString(), error: message });
          this.logger.error({ correlationId, msg: `rebuild of ${readModel} failed: ${message}` });
        },
      );
    return status;
  }
}
