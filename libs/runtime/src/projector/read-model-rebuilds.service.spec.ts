import { Logger } from '@nestjs/common';
import type { ProjectionEngine } from '@ledger/projections';
import { until } from '@ledger/testing';
import { ReadModelRebuilds } from './read-model-rebuilds.service';

/** An engine with one read model whose rebuild ends as `outcome` says. */
function engineWhoseRebuild(outcome: () => Promise<unknown>): ProjectionEngine {
  return { readModels: () => ['project-summary'], rebuild: outcome } as unknown as ProjectionEngine;
}

describe('ReadModelRebuilds log lines', () => {
  afterEach(() => jest.restoreAllMocks());

  it("name the asking request's correlation id, from the request to the swap", async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const rebuilds = new ReadModelRebuilds(
      engineWhoseRebuild(() =>
        Promise.resolve({ position: 12, events: 12, documents: 3, elapsedMs: 5 }),
      ),
    );

    rebuilds.start('project-summary', 'admin-1', 'corr-rebuild-1');
    await until(() => rebuilds.status('project-summary')?.state === 'swapped');

    expect(log.mock.calls).toEqual([
      [{ correlationId: 'corr-rebuild-1', msg: 'rebuild of project-summary requested by admin-1' }],
      [
        {
          correlationId: 'corr-rebuild-1',
          msg: 'rebuild of project-summary swapped in at position 12: 12 events, 3 documents, 5 ms',
        },
      ],
    ]);
  });

  it("names the asking request's correlation id on the line about a failed rebuild", async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const rebuilds = new ReadModelRebuilds(
      engineWhoseRebuild(() => Promise.reject(new Error('the store fell over'))),
    );

    rebuilds.start('project-summary', 'admin-1', 'corr-rebuild-2');
    await until(() => rebuilds.status('project-summary')?.state === 'failed');

    expect(error).toHaveBeenCalledWith({
      correlationId: 'corr-rebuild-2',
      msg: 'rebuild of project-summary failed: the store fell over',
    });
  });
});
