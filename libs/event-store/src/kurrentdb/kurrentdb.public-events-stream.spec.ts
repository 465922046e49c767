import { batchOf, rejectionOf } from '../contract/contract-fixtures';
import { KurrentDbEventStore, type KurrentDbClient } from './kurrentdb.event-store';
import { expectLogReadsLeaveOut } from './kurrentdb.beside-the-log.spec-fixtures';
import { FakeKurrentDb } from './kurrentdb.fake-client.spec-fixtures';
import { isPublicEventsStream, PUBLIC_EVENTS_STREAM } from './kurrentdb.public-events-stream';

/**
 * The republished public events live on the same KurrentDB server as the log, in `public-events`
 * (written by the writer process with its own client). The event store must read the log
 * without them. Over the in-memory stand-in for the client (kurrentdb.fake-client.spec-fixtures):
 * NOT KurrentDB; a real server runs the writer's own int-spec when KURRENTDB_URL is set.
 */
describe('KurrentDB public events are kept beside the log, not in it', () => {
  const cloudEventType = 'com.delivery-ledger.program.created.v1';

  it('the event store reads, subscribes and finds its head without them', () =>
    // What the writer appends: CloudEvents, no envelope of ours (decoding them would fail).
    expectLogReadsLeaveOut((fake) => {
      fake.writeRaw(PUBLIC_EVENTS_STREAM, cloudEventType);
      fake.writeRaw(`${PUBLIC_EVENTS_STREAM}.test-1`, cloudEventType);
    }));

  it('the event store refuses to append to the public-events stream or a name under it', async () => {
    const log = new KurrentDbEventStore(new FakeKurrentDb() as unknown as KurrentDbClient);
    for (const stream of [PUBLIC_EVENTS_STREAM, `${PUBLIC_EVENTS_STREAM}.test`]) {
      const error = await rejectionOf(log.append(stream, batchOf('A', 1), 'any'));
      expect(error).toBeInstanceOf(TypeError);
      expect(String(error)).toContain('republished public events');
    }
  });

  it('reserves the name and the names under it, not look-alikes', () => {
    expect(isPublicEventsStream('public-events')).toBe(true);
    expect(isPublicEventsStream('public-events.bi')).toBe(true);
    expect(isPublicEventsStream('public-eventsx')).toBe(false);
    expect(isPublicEventsStream('public-events-test')).toBe(false);
    expect(isPublicEventsStream('project-1')).toBe(false);
  });
});
