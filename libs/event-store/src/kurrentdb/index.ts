export {
  KurrentDbEventStore,
  type KurrentDbClient,
  type KurrentDbEventStoreOptions,
} from './kurrentdb.event-store';
export { MalformedStoredEventError } from './kurrentdb.mapping';
