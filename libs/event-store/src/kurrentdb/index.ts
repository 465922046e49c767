export {
  KurrentDbEventStore,
  type KurrentDbClient,
  type KurrentDbEventStoreOptions,
} from './kurrentdb.event-store';
export {
  KurrentDbCheckpointStore,
  type KurrentDbCheckpointClient,
  type KurrentDbCheckpointStoreOptions,
} from './kurrentdb.checkpoint-store';
export { CHECKPOINT_STREAM, isCheckpointStream } from './kurrentdb.checkpoint-stream';
export { PUBLIC_EVENTS_STREAM, isPublicEventsStream } from './kurrentdb.public-events-stream';
export { MalformedStoredEventError } from './kurrentdb.mapping';
