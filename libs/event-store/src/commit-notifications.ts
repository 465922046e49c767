import type { EventStore } from './event-store.port';
import { adapterCapability } from './adapter-capability';

/**
 * What an adapter whose subscriptions are woken by its own commits (SQLite: one process's
 * CommitSignal) can offer a reader on another connection to the same log, such as the api's
 * projector in a worker thread: the writer's side learns of each commit (`onCommit`) and tells
 * the reader's side, which wakes its caught-up subscriptions (`wakeSubscriptions`) instead of
 * finding the commit at its next poll (250 ms). Only wake-ups: events still come from the log.
 */
export interface CommitNotifications {
  /** Calls `listener` after each commit of this connection that wrote events; returns an off. */
  onCommit(listener: () => void): () => void;
  /** Another connection committed: caught-up subscriptions read now. */
  wakeSubscriptions(): void;
}

/** The store's commit notifications under any upcasting decorator, if its adapter has them. */
export function commitNotifications(store: EventStore): CommitNotifications | undefined {
  const onCommit = adapterCapability<Pick<CommitNotifications, 'onCommit'>>(store, 'onCommit');
  const wake = adapterCapability<Pick<CommitNotifications, 'wakeSubscriptions'>>(
    store,
    'wakeSubscriptions',
  );
  return onCommit && wake ? { ...onCommit, ...wake } : undefined;
}
