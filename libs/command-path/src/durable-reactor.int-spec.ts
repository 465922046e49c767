import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { programStreamId, projectStreamId, type ProjectCommand } from '@ledger/domain';
import {
  SqliteEventStore,
  type AllSubscription,
  type EventStore,
  type RecordedEvent,
} from '@ledger/event-store';
import { SqliteReadStore } from '@ledger/read-store';
import { programAggregate, projectAggregate } from '@ledger/domain';
import type { CommandContext } from './command-context';
import { DurableReactor } from './durable-reactor';
import { CommandExecutor } from './command-executor';
import { createProgram } from './program.spec-fixtures';
import { ReactionFailedError, runReactions, type FollowUpResult, type Reaction } from './reaction';
import { projectReactions } from './reactions';

const context = (commandId: string): CommandContext => ({
  actor: { sub: 'alice', roles: ['pmo', 'project-manager'] },
  correlationId: `corr-${commandId}`,
  commandId,
});

const createProject =
  (projectId: string, programId: string) =>
  (meta: ProjectCommand['meta']): ProjectCommand => ({
    type: 'CreateProject',
    data: {
      projectId,
      programId,
      contractId: 'ct1',
      name: `Project ${projectId}`,
      programIsOpen: true,
      contractIsRegistered: true,
    },
    meta,
  });

/**
 * The durable reactor on real SQLite stores: follow-ups a crash left undone are re-driven from
 * the log, and none is ever appended twice (the fast path's, a restart's from position 0).
 */
describe('DurableReactor (real SQLite event store, checkpoints in the embedded read store)', () => {
  let dir: string;
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  let executor: CommandExecutor;
  const reactors: DurableReactor[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-reactor-'));
    events = await SqliteEventStore.open({ path: join(dir, 'events.sqlite'), pollIntervalMs: 10 });
    reads = await SqliteReadStore.open({ path: join(dir, 'read.sqlite') });
    executor = new CommandExecutor(events);
    await executor.execute(
      programAggregate,
      programStreamId('pg1'),
      createProgram('pg1'),
      context('c0'),
    );
  });
  afterEach(async () => {
    await Promise.all(reactors.splice(0).map((reactor) => reactor.stop()));
    await Promise.all([events.close(), reads.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const reactor = (
    results: FollowUpResult[] = [],
    options: Partial<ConstructorParameters<typeof DurableReactor>[0]> = {},
  ): DurableReactor => {
    const created = new DurableReactor({
      eventStore: events,
      executor,
      reactions: projectReactions,
      checkpoints: reads,
      onFollowUp: (_event, result) => results.push(result),
      retry: { initialMs: 5, maxMs: 40 },
      ...options,
    });
    reactors.push(created);
    return created;
  };

  /** Waits until the reactor has handled the whole log (bounded: fails the test otherwise). */
  const drained = async (running: DurableReactor): Promise<void> => {
    const head = await events.headPosition();
    for (let waited = 0; running.checkpoint < head; waited += 10) {
      if (waited > 10_000) throw new Error(`reactor stuck at ${running.checkpoint} of ${head}`);
      await sleep(10);
    }
  };

  const attachments = async (): Promise<string[]> =>
    (await events.readStream(programStreamId('pg1')))
      .filter((event) => event.type === 'ProjectAttachedToProgram')
      .map((event) => event.data['projectId'] as string);

  it('re-drives a follow-up a crash left undone, exactly once, as the same actor and correlation', async () => {
    // The project was created, then the process died before attaching it to its program.
    const created = await executor.execute(
      projectAggregate,
      projectStreamId('p1'),
      createProject('p1', 'pg1'),
      context('c1'),
    );
    expect(await attachments()).toEqual([]);

    const results: FollowUpResult[] = [];
    const running = reactor(results);
    await running.start();
    await drained(running);

    expect(await attachments()).toEqual(['p1']);
    const [attached] = (await events.readStream(programStreamId('pg1'))).filter(
      (event) => event.type === 'ProjectAttachedToProgram',
    );
    expect(attached!.metadata).toMatchObject({
      actor: { sub: 'alice' },
      correlationId: 'corr-c1',
      causationId: created.events[0]!.id,
    });
    expect(results).toHaveLength(1);
    // Saved after the last event it reacted to (its own follow-up needs no reaction).
    expect(await reads.getCheckpoint('reactor')).toBe(created.events[0]!.position);

    // Live: a project created while the reactor runs is attached too.
    await executor.execute(
      projectAggregate,
      projectStreamId('p2'),
      createProject('p2', 'pg1'),
      context('c2'),
    );
    await drained(running);
    expect(await attachments()).toEqual(['p1', 'p2']);
  });

  it('appends nothing when the fast path already ran the follow-up, nor when it re-drives from 0', async () => {
    const created = await executor.execute(
      projectAggregate,
      projectStreamId('p1'),
      createProject('p1', 'pg1'),
      context('c1'),
    );
    await runReactions(executor, projectReactions, created.events, context('c1'));
    expect(await attachments()).toEqual(['p1']);
    const head = await events.headPosition();

    const first = reactor();
    await first.start();
    await drained(first);
    await first.stop();
    await reads.saveCheckpoint('reactor', 0);
    const again = reactor();
    await again.start();
    await drained(again);

    expect(await attachments()).toEqual(['p1']);
    expect(await events.headPosition()).toBe(head);
  });

  it('reports a follow-up the target refuses and moves on', async () => {
    // A project of a program that does not exist: its attachment is refused, the reactor goes on.
    await executor.execute(
      projectAggregate,
      projectStreamId('p9'),
      createProject('p9', 'ghost'),
      context('c9'),
    );
    await executor.execute(
      projectAggregate,
      projectStreamId('p1'),
      createProject('p1', 'pg1'),
      context('c1'),
    );
    const results: FollowUpResult[] = [];
    const running = reactor(results);
    await running.start();
    await drained(running);

    expect(results.map((result) => ('error' in result ? result.error.code : 'ok'))).toEqual([
      expect.stringMatching(/not-found|absent|does-not-exist/),
      'ok',
    ]);
    expect(await attachments()).toEqual(['p1']);
  });

  // Issue 13, items 1 and 3: a store that goes away interrupts the reactor; it must resume.
  it('a subscription that ends unasked, or fails, is resubscribed from the checkpoint', async () => {
    let opened = 0;
    // The real store; its first three subscriptions end (or fail) after one event, as a server
    // restart would end them.
    const flaky = new Proxy(events, {
      get(target, property, receiver): unknown {
        if (property === 'subscribeToAll') {
          return (options: Parameters<EventStore['subscribeToAll']>[0]): AllSubscription => {
            opened += 1;
            const real = target.subscribeToAll(options);
            if (opened > 3) return real;
            const fails = opened % 2 === 0;
            let delivered = 0;
            return {
              close: () => real.close(),
              [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
                const source = real[Symbol.asyncIterator]();
                return {
                  next: async () => {
                    if (delivered >= 1) {
                      await real.close();
                      if (fails) throw new Error('14 UNAVAILABLE: Connection dropped');
                      return { done: true, value: undefined };
                    }
                    delivered += 1;
                    return source.next();
                  },
                };
              },
            };
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function'
          ? (value as (...args: unknown[]) => unknown).bind(target)
          : value;
      },
    });
    for (const id of ['p1', 'p2', 'p3']) {
      await executor.execute(
        projectAggregate,
        projectStreamId(id),
        createProject(id, 'pg1'),
        context(`c-${id}`),
      );
    }
    const reasons: string[] = [];
    const running = reactor([], { eventStore: flaky, onRetry: (d) => reasons.push(d.reason) });
    await running.start();
    await drained(running);
    expect(await attachments()).toEqual(['p1', 'p2', 'p3']);
    expect(opened).toBeGreaterThanOrEqual(4);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ended without close/),
        expect.stringMatching(/UNAVAILABLE/),
      ]),
    );
    expect(running.error).toBeUndefined();
  });

  it('a checkpoint store outage: degraded with the reason, then it catches up by itself', async () => {
    let down = false;
    const checkpoints = {
      getCheckpoint: (name: string) =>
        down ? Promise.reject(new Error('read store down')) : reads.getCheckpoint(name),
      saveCheckpoint: (name: string, position: number) =>
        down ? Promise.reject(new Error('read store down')) : reads.saveCheckpoint(name, position),
    };
    const running = reactor([], { checkpoints });
    await running.start();
    down = true;
    const created = await executor.execute(
      projectAggregate,
      projectStreamId('p1'),
      createProject('p1', 'pg1'),
      context('c1'),
    );
    for (let waited = 0; (running.degraded?.attempts ?? 0) < 3; waited += 5) {
      if (waited > 5000) throw new Error('the reactor never reported the outage');
      await sleep(5);
    }
    expect(running.degraded?.reason).toMatch(/read store down/);
    down = false;
    await drained(running);
    await sleep(20);
    expect(running.degraded).toBeUndefined();
    expect(await attachments()).toEqual(['p1']);
    // Saved once the store was back (the follow-up's own event needs no reaction, no save).
    expect(await reads.getCheckpoint('reactor')).toBe(created.events[0]!.position);
  });

  it('a reaction that throws (a bug) stops it: failed, not retried', async () => {
    const buggy: Reaction = {
      name: 'buggy',
      on: ['ProjectCreated'],
      react: () => {
        throw new TypeError('cannot read the event');
      },
    };
    await executor.execute(
      projectAggregate,
      projectStreamId('p1'),
      createProject('p1', 'pg1'),
      context('c1'),
    );
    const running = reactor([], { reactions: [buggy] });
    await running.start();
    const error = await running.failed;
    expect(error).toBeInstanceOf(ReactionFailedError);
    expect(error.message).toMatch(/buggy.*cannot read the event/);
    expect(running.error).toBe(error);
  });
});
