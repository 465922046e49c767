import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DomainError,
  programAggregate,
  programStreamId,
  type ProgramCommand,
} from '@ledger/domain';
import { SqliteEventStore, upcasting, verifyChain } from '@ledger/event-store';
import { EVENT_SCHEMAS } from './event-schemas';
import type { CommandContext } from './command-context';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from './command-path.errors';
import { CommandExecutor } from './command-executor';

const context = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  actor: { sub: 'alice', roles: ['pmo'] },
  correlationId: 'corr-1',
  commandId: `cmd-${Math.random().toString(36).slice(2)}`,
  ...overrides,
});

const create =
  (programId: string) =>
  (meta: ProgramCommand['meta']): ProgramCommand => ({
    type: 'CreateProgram',
    data: { programId, name: 'Rollout', customer: { id: 'c1', name: 'Telco' }, managerId: null },
    meta,
  });
const assignManager =
  (managerId: string) =>
  (meta: ProgramCommand['meta']): ProgramCommand => ({
    type: 'AssignProgramManager',
    data: { managerId },
    meta,
  });

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
      create('p1'),
      context({ effectiveAt: '2026-01-01T00:00:00.000Z' }),
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
      [
        {
          id: '6a0d8a4e-3c1b-4c8e-9f57-0d2b7e1f0a11',
          type: 'ProgramCreated',
          schemaVersion: 1,
          data: {
            programId: 'old',
            name: 'Legacy rollout',
            customer: { id: 'c1', name: 'Telco' },
            createdBy: 'alice',
          },
          metadata: {
            effectiveAt: '2025-01-01T00:00:00.000Z',
            actor: { sub: 'alice', roles: ['pmo'] },
            correlationId: 'c',
            causationId: 'c',
            commandId: 'c',
          },
        },
      ],
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
      assignManager('bob'),
      context(),
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
    await executor.execute(programAggregate, 'program-p1', create('p1'), context());
    const head = await store.headPosition();
    await expect(
      executor.execute(programAggregate, 'program-p1', create('p1'), context()),
    ).rejects.toMatchObject({ code: 'program-already-exists' });
    await expect(
      executor.execute(programAggregate, 'program-p2', assignManager('bob'), context()),
    ).rejects.toBeInstanceOf(DomainError);
    expect(await store.headPosition()).toBe(head);
  });

  it('re-loads and re-decides on a conflict with another process, losing no update', async () => {
    // Two executors stand for two API processes: they share the store but not the in-process lock.
    const first = new CommandExecutor(store);
    const second = new CommandExecutor(store);
    await first.execute(programAggregate, 'program-p1', create('p1'), context());
    const outcomes = await Promise.all([
      first.execute(programAggregate, 'program-p1', assignManager('bob'), context()),
      second.execute(programAggregate, 'program-p1', assignManager('carol'), context()),
      first.execute(programAggregate, 'program-p1', assignManager('dave'), context()),
      second.execute(programAggregate, 'program-p1', assignManager('erin'), context()),
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
    await first.execute(programAggregate, 'program-p1', create('p1'), context());
    const results = await Promise.allSettled([
      first.execute(programAggregate, 'program-p1', assignManager('bob'), context()),
      second.execute(programAggregate, 'program-p1', assignManager('carol'), context()),
    ]);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(ConcurrencyConflictError);
    expect(await store.readStream('program-p1')).toHaveLength(2);
  });

  it('serialises commands on one stream inside a process: 20 parallel commands, no conflict, no loss', async () => {
    const executor = new CommandExecutor(store, { maxAttempts: 1 });
    await executor.execute(programAggregate, 'program-p1', create('p1'), context());
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        executor.execute(programAggregate, 'program-p1', assignManager(`m${i}`), context()),
      ),
    );
    expect(await store.readStream('program-p1')).toHaveLength(21);
  });

  describe('Idempotency-Key', () => {
    const keyed = (requestHash: string) => context({ idempotency: { key: 'k-1', requestHash } });

    it('the same key and request returns the first outcome and appends nothing', async () => {
      const executor = new CommandExecutor(store);
      await executor.execute(programAggregate, 'program-p1', create('p1'), context());
      const first = await executor.execute(
        programAggregate,
        'program-p1',
        assignManager('bob'),
        keyed('h1'),
      );
      const again = await executor.execute(
        programAggregate,
        'program-p1',
        assignManager('bob'),
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
      await executor.execute(programAggregate, 'program-p1', create('p1'), context());
      await executor.execute(programAggregate, 'program-p1', assignManager('bob'), keyed('h1'));
      await expect(
        executor.execute(programAggregate, 'program-p1', assignManager('carol'), keyed('h2')),
      ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    });

    it('the same key on another stream is refused by the store itself (derived event ids)', async () => {
      const executor = new CommandExecutor(store);
      await executor.execute(programAggregate, 'program-p1', create('p1'), keyed('h1'));
      await expect(
        executor.execute(programAggregate, 'program-p2', create('p2'), keyed('h1')),
      ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      expect(await store.readStream('program-p2')).toHaveLength(0);
    });

    it('two processes racing with one key append once', async () => {
      const first = new CommandExecutor(store);
      const second = new CommandExecutor(store);
      await first.execute(programAggregate, 'program-p1', create('p1'), context());
      const [a, b] = await Promise.all([
        first.execute(programAggregate, 'program-p1', assignManager('bob'), keyed('h1')),
        second.execute(programAggregate, 'program-p1', assignManager('bob'), keyed('h1')),
      ]);
      expect(a.position).toBe(b.position);
      expect(await store.readStream('program-p1')).toHaveLength(2);
    });
  });
});
