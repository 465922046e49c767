import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError, programAggregate, programStreamId } from '@ledger/domain';
import { SqliteEventStore, upcasting, verifyChain } from '@ledger/event-store';
import { EVENT_SCHEMAS } from './event-schemas';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from './command-path.errors';
import { CommandExecutor } from './command-executor';
import {
  assignProgramManager,
  commandContext,
  createProgram,
  programCreatedV1,
} from './program.spec-fixtures';

describe('CommandExecutor on the real SQLite event store', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-executor-'));
    store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads, decides and appends with the envelope built from the context', async () => {
    const executor = new CommandExecutor(store, { clock: () => '2026-02-01T10:00:00.000Z' });
    const outcome = await executor.execute(
      programAggregate,
      programStreamId('p1'),
      createProgram('p1'),
      commandContext({ effectiveAt: '2026-01-01T00:00:00.000Z' }),
    );
    expect(outcome).toMatchObject({ streamId: 'program-p1', revision: 0, replayed: false });
    const [event] = await store.readStream('program-p1');
    expect(event).toMatchObject({
      type: 'ProgramCreated',
      schemaVersion: 2,
      position: outcome.position,
      metadata: {
        effectiveAt: '2026-01-01T00:00:00.000Z',
        actor: { sub: 'alice', roles: ['pmo'] },
        correlationId: 'corr-1',
      },
    });
    expect(event!.metadata.causationId).toBe(event!.metadata.commandId);
  });

  it('folds an old-shape event through its upcaster (ProgramCreated v1, stored before v2)', async () => {
    // Written as a v1 writer wrote it: no managerId, schemaVersion 1.
    await store.append(
      'program-old',
      [programCreatedV1('6a0d8a4e-3c1b-4c8e-9f57-0d2b7e1f0a11')],
      'no-stream',
    );
    // Upcast on read, once (P6): the executor folds what the store's read path hands it.
    await expect(new CommandExecutor(store).load(programAggregate, 'program-old')).rejects.toThrow(
      /ProgramCreated v1 read where v2 is current/,
    );
    const executor = new CommandExecutor(upcasting(store, EVENT_SCHEMAS));
    const { state } = await executor.load(programAggregate, 'program-old');
    expect(state).toMatchObject({ status: 'active', programId: 'old', managerId: null });
    const outcome = await executor.execute(
      programAggregate,
      'program-old',
      assignProgramManager('bob'),
      commandContext(),
    );
    expect(outcome.revision).toBe(1);
    // The stored event is never rewritten: it is still v1 on disk.
    const [stored] = await store.readStream('program-old');
    expect(stored).toMatchObject({ schemaVersion: 1, data: { programId: 'old' } });
    expect(stored!.data).not.toHaveProperty('managerId');
    // Hashes are over the stored bytes: the raw stream verifies, v1 event and v2 append alike.
    const decorated = upcasting(store, EVENT_SCHEMAS);
    expect(verifyChain(await decorated.stored.readStream('program-old'))).toMatchObject({
      ok: true,
      verified: 2,
    });
  });

  it('a refused command appends nothing and surfaces the DomainError', async () => {
    const executor = new CommandExecutor(store);
    await executor.execute(programAggregate, 'program-p1', createProgram('p1'), commandContext());
    const head = await store.headPosition();
    await expect(
      executor.execute(programAggregate, 'program-p1', createProgram('p1'), commandContext()),
    ).rejects.toMatchObject({ code: 'program-already-exists' });
    await expect(
      executor.execute(
        programAggregate,
        'program-p2',
        assignProgramManager('bob'),
        commandContext(),
      ),
    ).rejects.toBeInstanceOf(DomainError);
    expect(await store.headPosition()).toBe(head);
  });

  it('re-loads and re-decides on a conflict with another process, losing no update', async () => {
    // Two executors stand for two API processes: they share the store but not the in-process lock.
    const first = new CommandExecutor(store);
    const second = new CommandExecutor(store);
    await first.execute(programAggregate, 'program-p1', createProgram('p1'), commandContext());
    const outcomes = await Promise.all([
      first.execute(programAggregate, 'program-p1', assignProgramManager('bob'), commandContext()),
      second.execute(
        programAggregate,
        'program-p1',
        assignProgramManager('carol'),
        commandContext(),
      ),
      first.execute(programAggregate, 'program-p1', assignProgramManager('dave'), commandContext()),
      second.execute(
        programAggregate,
        'program-p1',
        assignProgramManager('erin'),
        commandContext(),
      ),
    ]);
    expect(outcomes.map((o) => o.revision).sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
    const stream = await store.readStream('program-p1');
    expect(stream.map((e) => e.type)).toEqual([
      'ProgramCreated',
      'ProgramManagerAssigned',
      'ProgramManagerAssigned',
      'ProgramManagerAssigned',
      'ProgramManagerAssigned',
    ]);
    expect(verifyChain(stream).ok).toBe(true);
  });

  it('gives up after the configured attempts with a ConcurrencyConflictError', async () => {
    const first = new CommandExecutor(store, { maxAttempts: 1 });
    const second = new CommandExecutor(store, { maxAttempts: 1 });
    await first.execute(programAggregate, 'program-p1', createProgram('p1'), commandContext());
    const results = await Promise.allSettled([
      first.execute(programAggregate, 'program-p1', assignProgramManager('bob'), commandContext()),
      second.execute(
        programAggregate,
        'program-p1',
        assignProgramManager('carol'),
        commandContext(),
      ),
    ]);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(ConcurrencyConflictError);
    expect(await store.readStream('program-p1')).toHaveLength(2);
  });

  it('serialises commands on one stream inside a process: 20 parallel commands, no conflict, no loss', async () => {
    const executor = new CommandExecutor(store, { maxAttempts: 1 });
    await executor.execute(programAggregate, 'program-p1', createProgram('p1'), commandContext());
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        executor.execute(
          programAggregate,
          'program-p1',
          assignProgramManager(`m${i}`),
          commandContext(),
        ),
      ),
    );
    expect(await store.readStream('program-p1')).toHaveLength(21);
  });

  describe('Idempotency-Key', () => {
    const keyed = (requestHash: string) =>
      commandContext({ idempotency: { key: 'k-1', requestHash } });

    it('the same key and request returns the first outcome and appends nothing', async () => {
      const executor = new CommandExecutor(store);
      await executor.execute(programAggregate, 'program-p1', createProgram('p1'), commandContext());
      const first = await executor.execute(
        programAggregate,
        'program-p1',
        assignProgramManager('bob'),
        keyed('h1'),
      );
      const again = await executor.execute(
        programAggregate,
        'program-p1',
        assignProgramManager('bob'),
        keyed('h1'),
      );
      expect(again).toMatchObject({
        replayed: true,
        revision: first.revision,
        position: first.position,
      });
      expect(await store.readStream('program-p1')).toHaveLength(2);
    });

    it('the same key with another request is refused', async () => {
      const executor = new CommandExecutor(store);
      await executor.execute(programAggregate, 'program-p1', createProgram('p1'), commandContext());
      await executor.execute(
        programAggregate,
        'program-p1',
        assignProgramManager('bob'),
        keyed('h1'),
      );
      await expect(
        executor.execute(
          programAggregate,
          'program-p1',
          assignProgramManager('carol'),
          keyed('h2'),
        ),
      ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    });

    it('the same key on another stream is refused by the store itself (derived event ids)', async () => {
      const executor = new CommandExecutor(store);
      await executor.execute(programAggregate, 'program-p1', createProgram('p1'), keyed('h1'));
      await expect(
        executor.execute(programAggregate, 'program-p2', createProgram('p2'), keyed('h1')),
      ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      expect(await store.readStream('program-p2')).toHaveLength(0);
    });

    it('two processes racing with one key append once', async () => {
      const first = new CommandExecutor(store);
      const second = new CommandExecutor(store);
      await first.execute(programAggregate, 'program-p1', createProgram('p1'), commandContext());
      const [a, b] = await Promise.all([
        first.execute(programAggregate, 'program-p1', assignProgramManager('bob'), keyed('h1')),
        second.execute(programAggregate, 'program-p1', assignProgramManager('bob'), keyed('h1')),
      ]);
      expect(a.position).toBe(b.position);
      expect(await store.readStream('program-p1')).toHaveLength(2);
    });
  });
});
