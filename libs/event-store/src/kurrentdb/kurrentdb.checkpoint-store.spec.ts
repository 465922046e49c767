import {
  checkpointOfSize,
  describeCheckpointStoreContract,
} from '../contract/checkpoint-store.contract';
import { batchOf, rejectionOf } from '../contract/contract-fixtures';
import { CHECKPOINT_STREAM } from './kurrentdb.checkpoint-stream';
import {
  KurrentDbCheckpointStore,
  type KurrentDbCheckpointClient,
} from './kurrentdb.checkpoint-store';
import { KurrentDbEventStore, type KurrentDbClient } from './kurrentdb.event-store';
import { expectLogReadsLeaveOut } from './kurrentdb.beside-the-log.spec-fixtures';
import { FakeKurrentDb } from './kurrentdb.fake-client.spec-fixtures';

/**
 * The KurrentDB checkpoint store's logic (increasing sizes, the expected-revision append, binary
 * search, paging) over the in-memory stand-in for the client (kurrentdb.fake-client.spec-fixtures):
 * NOT KurrentDB. The same contract against a real server is kurrentdb.checkpoint-store.int-spec.ts.
 */
function storeOver(fake: FakeKurrentDb): KurrentDbCheckpointStore {
  // The fake has the client's methods with its parameter and result types, not its generics.
  return new KurrentDbCheckpointStore(fake as unknown as KurrentDbCheckpointClient);
}

describeCheckpointStoreContract(
  'kurrentdb over a stand-in client (logic only, not KurrentDB)',
  () => {
    const fake = new FakeKurrentDb();
    const store = storeOver(fake);
    return Promise.resolve({
      store,
      reopen: () => Promise.resolve(storeOver(fake)),
      dispose: () => store.close(),
    });
  },
  { keepsSmallerThanNewest: false },
);

describe('KurrentDB checkpoints are kept beside the log, not in it', () => {
  it('keeps each checkpoint as one event of the dedicated stream', async () => {
    const fake = new FakeKurrentDb();
    await storeOver(fake).append(checkpointOfSize(10));
    expect(fake.stream(CHECKPOINT_STREAM).map((record) => record.type)).toEqual([
      'LogCheckpointSigned',
    ]);
  });

  it('the event store reads, subscribes and finds its head without them', () =>
    expectLogReadsLeaveOut((fake) => storeOver(fake).append(checkpointOfSize(1))));

  it('the event store refuses to append to the checkpoint stream or a name under it', async () => {
    const log = new KurrentDbEventStore(new FakeKurrentDb() as unknown as KurrentDbClient);
    for (const stream of [CHECKPOINT_STREAM, `${CHECKPOINT_STREAM}.test`]) {
      const error = await rejectionOf(log.append(stream, batchOf('A', 1), 'any'));
      expect(error).toBeInstanceOf(TypeError);
      expect(String(error)).toContain('reserved for the log');
    }
  });

  it('a checkpoint store refuses a stream the event store would read as log', () => {
    expect(
      () =>
        new KurrentDbCheckpointStore(new FakeKurrentDb() as unknown as KurrentDbCheckpointClient, {
          stream: 'checkpoints',
        }),
    ).toThrow(TypeError);
  });

  it('a malformed checkpoint event is an error, not skipped', async () => {
    const fake = new FakeKurrentDb();
    fake.writeRaw(CHECKPOINT_STREAM, 'LogCheckpointSigned');
    await expect(storeOver(fake).latest()).rejects.toThrow(/not a checkpoint/);
  });
});
