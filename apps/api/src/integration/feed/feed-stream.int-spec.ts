import { mkdtempSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { sequenceOf } from '@ledger/contracts';
import { SqliteEventStore, type EventStore, type ProposedEvent } from '@ledger/event-store';
import type { Principal } from '@ledger/runtime';
import { FeedFilter } from './feed-filter';
import { FeedStream, type FeedStreamOptions } from './feed-stream';

const integration: Principal = { sub: 'erp', roles: ['integration'], programs: '*' };

let eventNumber = 0;
function event(type: string, schemaVersion: number, data: ProposedEvent['data']): ProposedEvent {
  eventNumber += 1;
  return {
    id: `00000000-0000-4000-8000-${String(eventNumber).padStart(12, '0')}`,
    type,
    schemaVersion,
    data,
    metadata: {
      effectiveAt: '2026-03-01T12:00:00.000Z',
      actor: { sub: 'alice', roles: ['pmo'] },
      correlationId: `corr-${eventNumber}`,
      causationId: 'cmd',
      commandId: 'cmd',
    },
  };
}

const programCreated = (programId: string) =>
  event('ProgramCreated', 2, {
    programId,
    name: `Program ${programId}`,
    customer: { id: 'cust-1', name: 'Nordic Telco' },
    managerId: null,
    createdBy: 'alice',
  });
/** Internal only: maps to no public message. */
const managerAssigned = (programId: string) =>
  event('ProgramManagerAssigned', 1, { programId, managerId: 'carla', assignedBy: 'alice' });

/** The socket's text, and its end. */
function socket(): { out: ServerResponse; text: () => string } {
  let text = '';
  const out = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      text += chunk.toString('utf8');
      done();
    },
  });
  return { out: out as unknown as ServerResponse, text: () => text };
}

/** The store, counting the events every read of it hands out. */
function counting(store: EventStore): { store: EventStore; eventsRead: () => number } {
  let read = 0;
  const readAll: EventStore['readAll'] = async (options) => {
    const page = await store.readAll(options);
    read += page.length;
    return page;
  };
  const subscribeToAll: EventStore['subscribeToAll'] = (options) => {
    const subscription = store.subscribeToAll(options);
    return {
      close: () => subscription.close(),
      [Symbol.asyncIterator]: () => {
        const events = subscription[Symbol.asyncIterator]();
        return {
          next: async () => {
            const step = await events.next();
            if (step.done !== true) read += 1;
            return step;
          },
          return: (value?: unknown) =>
            events.return?.(value) ?? Promise.resolve({ done: true, value }),
        };
      },
    };
  };
  const wrapped = Object.assign(Object.create(store) as EventStore, { readAll, subscribeToAll });
  return { store: wrapped, eventsRead: () => read };
}

const ids = (text: string) => [...text.matchAll(/^id: (.*)$/gm)].map((match) => match[1]);

describe('FeedStream catch-up', () => {
  let dataDir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-feed-stream-'));
    store = await SqliteEventStore.open({ path: join(dataDir, 'events.sqlite') });
    await store.append('program-pg1', [programCreated('pg1')], 'no-stream');
    await store.append('program-pg2', [programCreated('pg2')], 'no-stream');
    // The log ends with events that map to nothing: the catch-up must still end at the head.
    await store.append(
      'program-pg1',
      [managerAssigned('pg1'), managerAssigned('pg1'), managerAssigned('pg1')],
      0,
    );
  });

  afterEach(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const options = (follow: boolean): FeedStreamOptions => ({
    after: 0,
    filter: FeedFilter.from(integration, undefined, undefined),
    follow,
    heartbeatMs: 60_000,
    stallTimeoutMs: 1_000,
    retryMs: 3_000,
  });

  it('reads only the event types that can map to a public message, and ends at the head', async () => {
    const reads = counting(store);
    const { out, text } = socket();

    const end = await new FeedStream(reads.store, out, options(false)).run();

    expect(end).toBe('head-reached');
    expect(ids(text())).toEqual([sequenceOf(1), sequenceOf(2)]);
    expect(reads.eventsRead()).toBe(2);
  });

  it('a feed resuming mid-log warms its mapper from the creations alone', async () => {
    // Positions 6-8: a project of pg1 (its creation teaches the directory), internal events, and
    // its closure after the resume point, which needs the directory to name its program.
    await store.append(
      'project-pr1',
      [
        event('ProjectCreated', 1, {
          projectId: 'pr1',
          programId: 'pg1',
          contractId: 'con-1',
          name: 'Site rollout',
          createdBy: 'alice',
        }),
      ],
      'no-stream',
    );
    await store.append('program-pg1', [managerAssigned('pg1')], 3);
    await store.append(
      'project-pr1',
      [event('ProjectClosed', 1, { projectId: 'pr1', reason: 'completed', closedBy: 'alice' })],
      0,
    );
    const reads = counting(store);
    const { out, text } = socket();

    const end = await new FeedStream(reads.store, out, { ...options(false), after: 7 }).run();

    expect(end).toBe('head-reached');
    expect(ids(text())).toEqual([sequenceOf(8)]);
    expect(text()).toContain('"programid":"pg1"');
    // The warm-up read the project's creation, the catch-up the closure: nothing else.
    expect(reads.eventsRead()).toBe(2);
  });

  it('a live feed hands over from the catch-up at the head: the next public event once', async () => {
    const { out, text } = socket();
    const feed = new FeedStream(store, out, options(true));
    const ended = feed.run();
    await waitFor(() => ids(text()).length === 2);

    await store.append('program-pg3', [programCreated('pg3')], 'no-stream');
    await waitFor(() => ids(text()).length === 3);
    feed.stop();

    expect(await ended).toBe('stopped');
    expect(ids(text())).toEqual([sequenceOf(1), sequenceOf(2), sequenceOf(6)]);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries += 1) {
    if (tries > 200) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
