import { batchOf } from '../contract/contract-fixtures';
import { KurrentDbEventStore, type KurrentDbClient } from './kurrentdb.event-store';
import { FakeKurrentDb } from './kurrentdb.fake-client.spec-fixtures';

/**
 * The check every stream kept beside the log (signed checkpoints, republished public events)
 * must pass: with `writeBeside` writing into it between two appends of the log, the event
 * store's reads of $all, its head and its subscription still see only the log's own events.
 * Over the in-memory stand-in for the client: NOT KurrentDB.
 */
export async function expectLogReadsLeaveOut(
  writeBeside: (fake: FakeKurrentDb) => Promise<unknown> | void,
): Promise<void> {
  const fake = new FakeKurrentDb();
  const log = new KurrentDbEventStore(fake as unknown as KurrentDbClient);
  const [first] = (await log.append('order-1', batchOf('A', 1), 'no-stream')).events;
  await writeBeside(fake);
  expect((await log.readAll({ maxCount: 10 })).map((event) => event.id)).toEqual([first?.id]);
  await expect(log.headPosition()).resolves.toBe(first?.position);
  await log.append('order-1', batchOf('B', 1), 0);
  const seen: string[] = [];
  for await (const event of log.subscribeToAll()) {
    seen.push(`${event.streamId}@${event.revision}`);
    if (seen.length === 2) break;
  }
  expect(seen).toEqual(['order-1@0', 'order-1@1']);
  await log.close();
}
