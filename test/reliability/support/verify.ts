import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { idempotentEventId } from '@ledger/command-path';
import { verifyChain, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { ProjectionEngine, READ_MODELS } from '@ledger/projections';
import { SqliteReadStore, type ReadDocument, type ReadStore } from '@ledger/read-store';
import { acknowledgementOf, getJson, isSuccess, type Command, type Outcome } from './ledger-client';
import { sleep } from '../../support/processes';

/** The whole log in position order. */
export async function readWholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0, batches = 0; batches < 100_000; batches += 1) {
    const batch = await store.readAll({ after, maxCount: 2000 });
    if (batch.length === 0) break;
    events.push(...batch);
    after = batch[batch.length - 1]!.position;
  }
  return events;
}

/** What a stored event adds, as the workload names facts (see workload.ts); else undefined. */
export function factOf(event: RecordedEvent): string | undefined {
  const text = (key: string): string => {
    const value = event.data[key];
    return typeof value === 'string' ? value : JSON.stringify(value ?? null);
  };
  switch (event.type) {
    case 'StakeholderRegistered':
      return `${event.streamId}/stakeholder/${text('stakeholderId')}`;
    case 'ActualCostRecorded':
      return `${event.streamId}/cost/${text('erpDocumentId')}`;
    case 'ProgressReported':
      return `${event.streamId}/report/${text('reportId')}`;
    case 'ProgramCreated':
      return `program/${text('name')}`;
    default:
      return undefined;
  }
}

export interface LogVerdict {
  readonly events: number;
  readonly streams: number;
  /** 2xx commands checked against the log. */
  readonly acknowledged: number;
  /** Of those, answered as a domain no-op (allowed by `mayBeNoOp`, nothing appended). */
  readonly noOps: number;
  /** 2xx commands the log does not hold as answered (should be none). */
  readonly lost: string[];
  /** Facts held more than once, or one Idempotency-Key appended more than once (none). */
  readonly duplicates: string[];
  /** Streams whose hash chain does not verify, or does not cover the stream (none). */
  readonly brokenChains: string[];
}

/**
 * Checks the log against every 2xx answer: the answered stream holds, at the answered revision,
 * an event of that command (its Idempotency-Key, its caller); the answered position holds an
 * event of the same request (its correlation id: a follow-up on another stream counts); the fact
 * the command adds is there exactly once. Then, over the whole log: no fact twice, every
 * Idempotency-Key in one append only (one stream, contiguous revisions, the first id derived
 * from the key), and every stream, read back on its own, verifies its hash chain from revision 0.
 */
export async function verifyLog(
  store: EventStore,
  outcomes: readonly Outcome[],
  options: {
    /**
     * Commands the domain may answer as a no-op (the fact is already there: 2xx, nothing
     * appended). For these, an answer whose key is nowhere in the log is fine when the answered
     * stream revision exists and the fact is held. Every other 2xx command must have appended.
     */
    readonly mayBeNoOp?: (command: Command) => boolean;
  } = {},
): Promise<LogVerdict> {
  const events = await readWholeLog(store);
  const byPosition = new Map(events.map((event) => [event.position, event]));
  const byStreamRevision = new Map(
    events.map((event) => [`${event.streamId}@${event.revision}`, event]),
  );
  const facts = new Map<string, number>();
  const appends = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const fact = factOf(event);
    if (fact) facts.set(fact, (facts.get(fact) ?? 0) + 1);
    const idempotency = event.metadata.idempotency;
    if (idempotency) {
      const id = `${event.metadata.actor.sub}\n${idempotency.key}`;
      appends.set(id, [...(appends.get(id) ?? []), event]);
    }
  }

  const ids = new Set(events.map((event) => event.id));
  let noOps = 0;
  const lost: string[] = [];
  const acknowledged = outcomes.filter(isSuccess);
  for (const outcome of acknowledged) {
    const { command } = outcome;
    const ack = acknowledgementOf(outcome);
    const name = `${command.kind} ${command.key}`;
    const atRevision = byStreamRevision.get(`${ack.streamId}@${ack.revision}`);
    const firstId = idempotentEventId(command.caller.sub, command.key, 0);
    if (options.mayBeNoOp?.(command) && atRevision && !ids.has(firstId)) {
      noOps += 1;
      if (command.fact && (facts.get(command.fact) ?? 0) === 0) {
        lost.push(`${name}: answered as a no-op, but fact ${command.fact} is not in the log`);
      }
      continue;
    }
    if (
      atRevision?.metadata.idempotency?.key !== command.key ||
      atRevision.metadata.actor.sub !== command.caller.sub
    ) {
      lost.push(`${name}: ${ack.streamId}@${ack.revision} does not hold it`);
      continue;
    }
    if (byPosition.get(ack.position)?.metadata.correlationId !== command.correlationId) {
      lost.push(`${name}: position ${ack.position} is not of this request`);
      continue;
    }
    if (command.fact && (facts.get(command.fact) ?? 0) === 0) {
      lost.push(`${name}: fact ${command.fact} is not in the log`);
    }
  }

  const duplicates: string[] = [];
  for (const [fact, count] of facts) if (count > 1) duplicates.push(`${fact} ×${count}`);
  for (const [id, group] of appends) {
    const [first] = group;
    const [sub, key] = id.split('\n') as [string, string];
    const oneAppend =
      group.every((event) => event.streamId === first!.streamId) &&
      group.every((event, index) => event.revision === first!.revision + index) &&
      first!.id === idempotentEventId(sub, key, 0);
    if (!oneAppend) {
      duplicates.push(
        `key ${key} of ${sub}: ${group.map((e) => `${e.streamId}@${e.revision}`).join(', ')}`,
      );
    }
  }

  const brokenChains: string[] = [];
  const streamIds = [...new Set(events.map((event) => event.streamId))];
  for (const streamId of streamIds) {
    const stream = await store.readStream(streamId);
    const verdict = verifyChain(stream);
    const expected = events.filter((event) => event.streamId === streamId).length;
    if (!verdict.ok) brokenChains.push(`${streamId}: ${verdict.reason} at ${verdict.brokenAt}`);
    else if (verdict.verified !== expected) {
      brokenChains.push(`${streamId}: ${verdict.verified} verified of ${expected} in $all`);
    }
  }
  return {
    events: events.length,
    streams: streamIds.length,
    acknowledged: acknowledged.length,
    noOps,
    lost,
    duplicates,
    brokenChains,
  };
}

/** Every document of every read model, by collection, sorted by _id. */
export async function readModelDocuments(store: ReadStore): Promise<Map<string, ReadDocument[]>> {
  const result = new Map<string, ReadDocument[]>();
  for (const projection of READ_MODELS) {
    const documents = await store.find(projection.collection);
    result.set(
      projection.collection,
      [...documents].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)),
    );
  }
  return result;
}

/** Every read model rebuilt from position 0 into a fresh embedded read store, in this process. */
export async function cleanRebuild(events: EventStore): Promise<Map<string, ReadDocument[]>> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-rebuild-'));
  const fresh = await SqliteReadStore.open({ path: join(dir, 'read.sqlite') });
  try {
    await new ProjectionEngine({
      eventStore: events,
      readStore: fresh,
      projections: READ_MODELS,
    }).replayToHead();
    return await readModelDocuments(fresh);
  } finally {
    await fresh.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface DocumentVerdict {
  readonly documents: number;
  /** `<collection>/<_id>: missing | extra | differs (first differing field)` (should be none). */
  readonly differing: string[];
}

/** Compares the served documents with the rebuilt ones, document by document. */
export function compareDocuments(
  served: Map<string, ReadDocument[]>,
  rebuilt: Map<string, ReadDocument[]>,
): DocumentVerdict {
  const differing: string[] = [];
  let documents = 0;
  for (const [collection, expected] of rebuilt) {
    const actual = new Map((served.get(collection) ?? []).map((doc) => [doc._id, doc]));
    for (const document of expected) {
      documents += 1;
      const stored = actual.get(document._id);
      actual.delete(document._id);
      if (!stored) differing.push(`${collection}/${document._id}: missing`);
      else if (!isDeepStrictEqual(stored, document)) {
        const field = Object.keys({ ...document, ...stored }).find(
          (key) =>
            !isDeepStrictEqual(
              (stored as unknown as Record<string, unknown>)[key],
              (document as unknown as Record<string, unknown>)[key],
            ),
        );
        differing.push(`${collection}/${document._id}: differs (${field ?? '?'})`);
      }
    }
    for (const id of actual.keys()) differing.push(`${collection}/${id}: extra`);
  }
  return { documents, differing };
}

interface ReadModelStatus {
  readonly name: string;
  readonly checkpoint: number;
  readonly head: number;
}

/**
 * Waits until the process that writes the read models reports every checkpoint at the log's
 * head, twice in a row with the same head (the writer's reactor may still append re-driven
 * follow-ups after a restart). Answers that head. Bounded in time only to stop a hung test.
 */
export async function waitUntilSettled(
  writer: string,
  adminToken: string,
  timeoutMs = 120_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let previous = -1;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const { items } = await getJson<{ items: ReadModelStatus[] }>(
        writer,
        '/api/admin/read-models',
        adminToken,
      );
      const head = items[0]?.head ?? 0;
      const settled = items.every((item) => item.checkpoint === item.head && item.head === head);
      last = JSON.stringify(items.map(({ name, checkpoint, head: h }) => [name, checkpoint, h]));
      if (settled && head === previous) return head;
      previous = settled ? head : -1;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw new Error(`read models did not settle within ${timeoutMs} ms; last status: ${last}`);
}
