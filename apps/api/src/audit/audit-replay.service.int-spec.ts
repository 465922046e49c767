import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AggregateDefinition, AnyDomainEvent } from '@ledger/domain';
import { EventSchemas, SqliteEventStore, upcasting, type ProposedEvent } from '@ledger/event-store';
import { AuditReplay } from './audit-replay.service';

/**
 * The two reads of AuditReplay over a real SQLite log with an upcaster: the listing serves the
 * events as STORED (old shape, stored hash), the fold replays the CURRENT shapes (what evolve
 * is written for). `Counted` v1 said `{ n }`; v2 says `{ amount }`.
 */
describe('AuditReplay (real SQLite file, upcasting store)', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let replay: AuditReplay;

  type Total = { readonly total: number };
  const counter: AggregateDefinition<unknown, Total, AnyDomainEvent> = {
    name: 'counter',
    schemaVersions: { Counted: 2 },
    streamId: (id) => `counter-${id}`,
    decider: {
      initialState: { total: 0 },
      evolve: (state, event) => ({
        total: state.total + ((event.data as { amount?: number }).amount ?? 0),
      }),
      decide: () => [],
    },
  };
  const counted = (n: number): ProposedEvent => ({
    id: `00000000-0000-4000-8000-00000000000${n}`,
    type: 'Counted',
    schemaVersion: 1,
    data: { n },
    metadata: {
      effectiveAt: '2026-03-01T00:00:00.000Z',
      actor: { sub: 'pm-1', roles: ['project-manager'] },
      correlationId: 'c',
      causationId: 'c',
      commandId: `cmd-${n}`,
    },
  });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-audit-replay-'));
    raw = await SqliteEventStore.open({ path: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
    const schemas = new EventSchemas({ Counted: 2 }, [
      { type: 'Counted', fromVersion: 1, upcast: (data) => ({ amount: data.n }) },
    ]);
    replay = new AuditReplay(upcasting(raw, schemas));
    await raw.append('counter-1', [counted(1), counted(2)], 'no-stream');
  });
  afterEach(async () => {
    await raw.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the stored envelopes, not the upcast ones', async () => {
    const page = await replay.storedEvents('counter-1', { fromRevision: 0, limit: 10 });
    expect(page.next).toBeNull();
    expect(page.items).toEqual(await raw.readStream('counter-1'));
    expect(page.items.map((event) => [event.schemaVersion, event.data])).toEqual([
      [1, { n: 1 }],
      [1, { n: 2 }],
    ]);
  });

  it('folds the current shapes', async () => {
    const state = await replay.state(counter, 'counter-1', {});
    expect(state).toMatchObject({ state: { total: 3 }, eventsApplied: 2 });
  });

  it('a full page says where to go on only when more events follow', async () => {
    expect((await replay.storedEvents('counter-1', { fromRevision: 0, limit: 1 })).next).toBe(1);
    expect((await replay.storedEvents('counter-1', { fromRevision: 0, limit: 2 })).next).toBeNull();
    expect(await replay.exists('counter-2')).toBe(false);
  });
});
