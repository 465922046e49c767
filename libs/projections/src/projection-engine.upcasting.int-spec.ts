import { PROGRAM_EVENT_SCHEMA_VERSIONS, programUpcasters } from '@ledger/domain';
import {
  EventSchemas,
  SqliteEventStore,
  upcasting,
  verifyChain,
  type JsonObject,
  type ProposedEvent,
} from '@ledger/event-store';
import { SqliteReadStore } from '@ledger/read-store';
import { ProjectionEngine } from './projection-engine';
import { tempFile } from './projection-engine.spec-fixtures';
import {
  PORTFOLIO_PROGRAMS,
  portfolioProgramProjection,
  type PortfolioProgram,
} from './read-models/portfolio-program/portfolio-program.projection';

const created = (id: string, schemaVersion: number, data: JsonObject): ProposedEvent => ({
  id,
  type: 'ProgramCreated',
  schemaVersion,
  data,
  metadata: {
    effectiveAt: '2025-01-01T00:00:00.000Z',
    actor: { sub: 'alice', roles: ['pmo'] },
    correlationId: 'c',
    causationId: 'c',
    commandId: 'c',
  },
});

/** Upcast on read, once (P6): the read side folds an old event in its current shape. */
describe('ProjectionEngine over an upcasting SQLite event store', () => {
  it('folds a stored v1 ProgramCreated to the same document as its v2 equivalent', async () => {
    const stored = await SqliteEventStore.open({ path: tempFile('events.sqlite') });
    const reads = await SqliteReadStore.open({ path: tempFile('read.sqlite') });
    const customer = { id: 'c1', name: 'Telco' };
    // As a v1 writer wrote it (no managerId), and the same fact as v2 writes it today.
    await stored.append(
      'program-old',
      [
        created('6a0d8a4e-3c1b-4c8e-9f57-0d2b7e1f0a11', 1, {
          programId: 'old',
          name: 'Rollout',
          customer,
          createdBy: 'alice',
        }),
      ],
      'no-stream',
    );
    await stored.append(
      'program-new',
      [
        created('6a0d8a4e-3c1b-4c8e-9f57-0d2b7e1f0a12', 2, {
          programId: 'new',
          name: 'Rollout',
          customer,
          managerId: null,
          createdBy: 'alice',
        }),
      ],
      'no-stream',
    );
    const store = upcasting(
      stored,
      new EventSchemas(PROGRAM_EVENT_SCHEMA_VERSIONS, programUpcasters),
    );
    const engine = new ProjectionEngine({
      eventStore: store,
      readStore: reads,
      projections: [portfolioProgramProjection],
    });
    try {
      await engine.replayToHead();
      const [old, current] = await reads.getMany<PortfolioProgram>(PORTFOLIO_PROGRAMS, [
        'old',
        'new',
      ]);
      expect(old).toMatchObject({ managerId: null, status: 'active' });
      const comparable = (document: PortfolioProgram | undefined) => {
        const { _id, programId, position: _position, createdAt: _createdAt, ...rest } = document!;
        return { _id: _id.length, programId: programId.length, rest };
      };
      expect(comparable(old)).toEqual(comparable(current));
      // The store itself still holds v1 with its own hash: the raw chain verifies.
      const [raw] = await store.stored.readStream('program-old');
      expect(raw).toMatchObject({ schemaVersion: 1 });
      expect(raw!.data).not.toHaveProperty('managerId');
      expect(verifyChain([raw!]).ok).toBe(true);
      // Read through the decorator, the same event is current (v2), hash as stored.
      const [upcast] = await store.readStream('program-old');
      expect(upcast).toMatchObject({
        schemaVersion: 2,
        data: { managerId: null },
        hash: raw!.hash,
      });
    } finally {
      await engine.stop();
      await reads.close();
      await stored.close();
    }
  });
});
