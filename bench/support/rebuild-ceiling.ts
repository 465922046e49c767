/**
 * The most a rebuild of every read model could score on a log (issue 12), measured in the same
 * run as the rebuild: what is left when the folds cost nothing. Two phases, each timed:
 * - the real ProjectionEngine over READ_MODELS' event types with projections that touch no
 *   document (its reads of the log, its pages and checkpoints, no fold, nothing held or written);
 * - the rebuilt documents written once into a fresh store with the same indexes and kept JSON
 *   views (the least a rebuild must write; the engine writes each document once already).
 * `ceilingRatio` = the raw read's seconds / (both phases): a rebuild scores that only if its
 * folds, grouping and document handling took no time at all.
 */
import { join } from 'node:path';
import type { EventStore } from '@ledger/event-store';
import { ProjectionEngine, READ_MODELS, type Projection } from '@ledger/projections';
import { SqliteReadStore, type ReadDocument, type ReadStore } from '@ledger/read-store';
import { round } from './bench-report';

export interface RebuildCeiling {
  readonly engineWithoutDocumentsSeconds: number;
  readonly writeOnceSeconds: number;
  readonly ceilingRatio: number;
}

/** Each read model's event types and names, folding nothing: no event touches a document. */
const FOLDING_NOTHING: readonly Projection[] = READ_MODELS.map((projection) => ({
  name: projection.name,
  collection: projection.collection,
  handles: projection.handles,
  documentId: () => null,
  apply: () => null,
}));

export async function rebuildCeiling(
  eventStore: EventStore,
  head: number,
  rebuilt: ReadStore,
  dir: string,
  rawSeconds: number,
): Promise<RebuildCeiling> {
  const engineWithoutDocumentsSeconds = await engineFoldingNothing(
    eventStore,
    head,
    join(dir, 'ceiling-engine.sqlite'),
  );
  const writeOnceSeconds = await writeOnce(rebuilt, join(dir, 'ceiling-write.sqlite'));
  return {
    engineWithoutDocumentsSeconds: round(engineWithoutDocumentsSeconds, 2),
    writeOnceSeconds: round(writeOnceSeconds, 2),
    ceilingRatio: round(rawSeconds / (engineWithoutDocumentsSeconds + writeOnceSeconds), 3),
  };
}

async function engineFoldingNothing(
  eventStore: EventStore,
  head: number,
  path: string,
): Promise<number> {
  const readStore = await SqliteReadStore.open({ path });
  try {
    const engine = new ProjectionEngine({ eventStore, readStore, projections: FOLDING_NOTHING });
    const started = process.hrtime.bigint();
    await engine.start();
    try {
      await engine.waitForPosition(head, 60 * 60 * 1000);
    } finally {
      await engine.stop();
    }
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await readStore.close();
  }
}

/** Seconds to upsert every document of `rebuilt` into a fresh store, one collection at a time. */
async function writeOnce(rebuilt: ReadStore, path: string): Promise<number> {
  const target = await SqliteReadStore.open({ path });
  try {
    let seconds = 0;
    for (const projection of READ_MODELS) {
      // What the engine makes sure of before it writes, so the writes maintain the same columns.
      for (const fields of projection.indexes ?? [])
        await target.ensureIndex(projection.collection, fields);
      for (const omit of projection.jsonViews ?? [])
        await target.ensureJsonView(projection.collection, omit);
      const documents = await rebuilt.find<ReadDocument>(projection.collection);
      const started = process.hrtime.bigint();
      await target.upsertMany(projection.collection, documents);
      seconds += Number(process.hrtime.bigint() - started) / 1e9;
    }
    return seconds;
  } finally {
    await target.close();
  }
}
