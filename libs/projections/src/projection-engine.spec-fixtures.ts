import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, type ProposedEvent, SqliteEventStore } from '@ledger/event-store';
import { type ReadDocument, type ReadStore, SqliteReadStore } from '@ledger/read-store';
import { documentIdsOf, type Projection } from './projection';
import { ProjectionEngine, type ProjectionEngineOptions } from './projection-engine';

/** Fixtures of the engine's integration specs: toy projections over a seeded random log. */

export const tempDirs: string[] = [];
export function tempFile(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-projections-'));
  tempDirs.push(dir);
  return join(dir, name);
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

export function proposed(
  type: string,
  data: Record<string, number | string | boolean> = {},
): ProposedEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: {
      effectiveAt: '2026-01-01T00:00:00.000Z',
      actor: { sub: 'test', roles: [] },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      commandId: randomUUID(),
    },
  };
}

export interface StreamStats extends ReadDocument {
  readonly count: number;
  readonly sum: number;
}

/** Per stream: how many Ticks and their sum since the stream was last Closed (Closed deletes). */
export const streamStats: Projection<StreamStats> = {
  name: 'stream_stats',
  collection: 'stream_stats',
  handles: ['Tick', 'Closed'],
  documentId: (event) => event.streamId,
  apply: (document, event) => {
    if (event.type === 'Closed') return null;
    const n = Number(event.data['n'] ?? 0);
    return {
      _id: event.streamId,
      position: event.position,
      count: (document?.count ?? 0) + 1,
      sum: (document?.sum ?? 0) + n,
    };
  },
};

export interface TypeTotals extends ReadDocument {
  readonly events: number;
}

/**
 * Per handled type, and over all of them under `all`: how many events (any double application
 * shows). Each event touches two documents (the duplicate `all` is folded once).
 */
export const typeTotals: Projection<TypeTotals> = {
  name: 'type_totals',
  collection: 'type_totals',
  handles: ['Tick', 'Closed'],
  documentId: (event) => [event.type, 'all', 'all'],
  apply: (document, event) => ({
    _id: document?._id ?? event.type,
    position: event.position,
    events: (document?.events ?? 0) + 1,
  }),
};

export const projections: Projection[] = [streamStats, typeTotals];

/** Deterministic pseudo-random numbers (a test must replay the same way every run). */
export function rng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Appends `total` events over 25 streams: Ticks, some Closed, some Noise nobody handles. */
export async function seed(store: EventStore, total: number, seedValue = 1): Promise<number> {
  const random = rng(seedValue);
  let written = 0;
  let position = 0;
  while (written < total) {
    const stream = `s-${Math.floor(random() * 25)}`;
    const size = Math.min(total - written, 1 + Math.floor(random() * 40));
    const events = Array.from({ length: size }, (_, index) => {
      const roll = random();
      if (roll < 0.02) return proposed('Closed');
      if (roll < 0.15) return proposed('Noise', { index });
      return proposed('Tick', { n: Math.floor(random() * 100) });
    });
    position = (await store.append(stream, events, 'any')).position;
    written += size;
  }
  return position;
}

/** A clean, engine-free fold of the whole log: what every run must converge to. */
export async function referenceFold(
  store: EventStore,
  projection: Projection,
): Promise<ReadDocument[]> {
  const documents = new Map<string, ReadDocument>();
  let after = 0;
  for (;;) {
    const events = await store.readAll({ after, maxCount: 1000 });
    for (const event of events) {
      if (!projection.handles.includes(event.type)) continue;
      for (const id of documentIdsOf(projection, event)) {
        const next = projection.apply(documents.get(id) ?? null, event);
        if (next === null) documents.delete(id);
        else documents.set(id, { ...next, _id: id, position: event.position });
      }
    }
    const last = events[events.length - 1];
    if (!last) break;
    after = last.position;
  }
  return [...documents.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}

export function allDocuments(store: ReadStore, collection: string): Promise<ReadDocument[]> {
  return store.find(collection);
}

/** Both toy projections' documents as stored, by collection. */
export async function documentsOf(store: ReadStore): Promise<Record<string, ReadDocument[]>> {
  return {
    stream_stats: await allDocuments(store, 'stream_stats'),
    type_totals: await allDocuments(store, 'type_totals'),
  };
}

/** What documentsOf must answer once the whole log is applied: each projection's clean fold. */
export async function referenceDocuments(
  events: EventStore,
): Promise<Record<string, ReadDocument[]>> {
  return {
    stream_stats: await referenceFold(events, streamStats),
    type_totals: await referenceFold(events, typeTotals),
  };
}

/** The real stores a test of the engine works on, fresh for every test. */
export interface EngineSpecStores {
  readonly events: SqliteEventStore;
  readonly reads: SqliteReadStore;
}

/**
 * The engine specs' set-up, registered on the describe it is called in: fresh SQLite stores
 * before each test; after it, every engine made by `engine` stopped and every store closed.
 * `engine` runs the toy projections over the test's stores, with `defaults` and then the
 * test's own options on top.
 */
export function sqliteEngineSpec(defaults: Partial<ProjectionEngineOptions> = {}): {
  readonly stores: () => EngineSpecStores;
  readonly openReadStore: () => Promise<SqliteReadStore>;
  readonly engine: (options?: Partial<ProjectionEngineOptions>) => ProjectionEngine;
  readonly expectReferenceDocuments: () => Promise<void>;
} {
  const opened: { close(): Promise<void> }[] = [];
  const engines: ProjectionEngine[] = [];
  let current: EngineSpecStores | undefined;
  const stores = (): EngineSpecStores => {
    if (!current) throw new Error('the engine spec stores are opened before each test');
    return current;
  };
  const openReadStore = async (): Promise<SqliteReadStore> => {
    const store = await SqliteReadStore.open({ path: tempFile('read.sqlite') });
    opened.push(store);
    return store;
  };
  beforeEach(async () => {
    const events = await SqliteEventStore.open({
      path: tempFile('events.sqlite'),
      pollIntervalMs: 20,
    });
    opened.push(events);
    current = { events, reads: await openReadStore() };
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((running) => running.stop()));
    await Promise.all(opened.splice(0).map((store) => store.close()));
    current = undefined;
  });
  return {
    stores,
    openReadStore,
    engine: (options = {}) => {
      const { events, reads } = stores();
      const created = new ProjectionEngine({
        eventStore: events,
        readStore: reads,
        projections,
        batchSize: 200,
        ...defaults,
        ...options,
      });
      engines.push(created);
      return created;
    },
    expectReferenceDocuments: async () => {
      const { events, reads } = stores();
      expect(await documentsOf(reads)).toEqual(await referenceDocuments(events));
    },
  };
}
