import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@ledger/event-store';
// The benchmarks' workload: a deterministic delivery history written through the real command
// path (every aggregate, reactions included), so the contract is checked on what production
// writes, not on hand-made events.
import { COMPACT_DELIVERY, generateDeliveryHistory, historyClock } from '@ledger/delivery-history';
import type { PublicCloudEvent } from './cloud-event';
import { MAPPED_EVENT_TYPES } from './mappers/mapped-event-types';
import { PUBLIC_EVENT_TYPES } from './public-event-types';
import { PublicEventMapper } from './public-event-mapper';
import { publicEventValidator } from './public-schemas.spec-fixtures';

/** Of the compact history (COMPACT_DELIVERY: every phase, two programs' worth). */
const EVENTS = 6000;

/**
 * Public types the generated history never writes (its stories have no contract amendment, no
 * missed obligation or LD, no rejected handover, no closed program). The mapper spec covers each
 * of them, validated by the same schemas; the test below fails as soon as the history starts
 * writing one, so this list only shrinks.
 */
const NOT_IN_GENERATED_HISTORY = [
  'com.delivery-ledger.program.closed.v1',
  'com.delivery-ledger.contract.amended.v1',
  'com.delivery-ledger.contract.obligation-missed.v1',
  'com.delivery-ledger.contract.liquidated-damages-accrued.v1',
  'com.delivery-ledger.contract.liquidated-damages-waived.v1',
  'com.delivery-ledger.project.handover-rejected.v1',
];

describe('the public events of a real delivery history', () => {
  let dir: string;
  let history: RecordedEvent[];
  let published: PublicCloudEvent[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-contracts-'));
    const clock = historyClock();
    const store = await SqliteEventStore.open({
      path: join(dir, 'events.sqlite'),
      clock: () => clock.now(),
    });
    try {
      await generateDeliveryHistory(store, clock, {
        profile: COMPACT_DELIVERY,
        seed: 7,
        maxEvents: EVENTS,
      });
      history = [];
      for (let after = 0; ;) {
        const batch = await store.readAll({ after, maxCount: 1000 });
        if (batch.length === 0) break;
        history.push(...batch);
        after = batch[batch.length - 1]!.position;
      }
    } finally {
      await store.close();
    }
    const mapper = new PublicEventMapper();
    published = history.flatMap((event) => mapper.map(event) ?? []);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every message validates against the envelope schema and its type schema (ajv)', () => {
    const validator = publicEventValidator();
    const invalid = published
      .map((event) => ({ type: event.type, errors: validator.errorsOf(event) }))
      .filter((result) => result.errors.length > 0);
    expect(invalid.slice(0, 5)).toEqual([]);
  });

  it('covers every public type at least once, but those it never writes', () => {
    const counts = Object.fromEntries(PUBLIC_EVENT_TYPES.map((type) => [type, 0]));
    for (const event of published) counts[event.type] = (counts[event.type] ?? 0) + 1;
    process.stderr.write(
      `[public contract] ${history.length} internal events → ${published.length} public\n` +
        Object.entries(counts)
          .map(([type, count]) => `  ${String(count).padStart(5)}  ${type}\n`)
          .join(''),
    );
    expect(
      Object.entries(counts)
        .filter(([, count]) => count === 0)
        .map(([type]) => type),
    ).toEqual(NOT_IN_GENERATED_HISTORY);
  });

  it('a mapper fed only the events of MAPPED_EVENT_TYPES publishes the same messages', () => {
    // What the feed's catch-up relies on when it reads those types alone.
    const mapped = new Set(MAPPED_EVENT_TYPES);
    const mapper = new PublicEventMapper();
    const fromMappedTypes = history
      .filter((event) => mapped.has(event.type))
      .flatMap((event) => mapper.map(event) ?? []);
    expect(fromMappedTypes).toEqual(published);
  });

  it('each message is traceable to its stored event: id, sequence, hash, times', () => {
    const byId = new Map(history.map((event) => [event.id, event]));
    for (const message of published) {
      const stored = byId.get(message.id)!;
      expect({
        sequence: Number(message.sequence),
        eventhash: message.eventhash,
        time: message.time,
        effectivetime: message.effectivetime,
        correlationid: message.correlationid,
      }).toEqual({
        sequence: stored.position,
        eventhash: stored.hash,
        time: stored.recordedAt,
        effectivetime: stored.metadata.effectiveAt,
        correlationid: stored.metadata.correlationId,
      });
    }
  });

  it('names a program on every message, the one its project or contract was created in', () => {
    const programOfProject = new Map(
      history
        .filter((event) => event.type === 'ProjectCreated')
        .map((event) => [event.data['projectId'], event.data['programId']]),
    );
    for (const message of published) {
      const projectId = message.data['projectId'];
      if (
        typeof projectId === 'string' &&
        message.type !== 'com.delivery-ledger.contract.amended.v1'
      ) {
        expect({ projectId, programid: message.programid }).toEqual({
          projectId,
          programid: programOfProject.get(projectId),
        });
      }
      expect(message.source).toBe(`/delivery-ledger/programs/${message.programid}`);
    }
  });

  it('a mapper started mid-log after warm() emits the same messages as one that saw it all', () => {
    const start = history[Math.floor(history.length / 2)]!.position;
    const mapper = new PublicEventMapper();
    const resumed: PublicCloudEvent[] = [];
    for (const event of history) {
      if (event.position <= start) mapper.warm(event);
      else {
        const message = mapper.map(event);
        if (message) resumed.push(message);
      }
    }
    expect(resumed).toEqual(published.filter((message) => Number(message.sequence) > start));
  });
});
