import { storedEvents, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { eventHashBytes } from './merkle-tree';

/**
 * The events of $all as STORED (under any upcasting decorator: hashes are over stored bytes),
 * page by page in position order, from `after` (exclusive). Memory: one page.
 */
export async function* storedLog(
  store: EventStore,
  options: { readonly after?: number; readonly pageSize?: number } = {},
): AsyncGenerator<RecordedEvent> {
  const raw = storedEvents(store);
  const pageSize = options.pageSize ?? 1000;
  let after = options.after ?? 0;
  for (;;) {
    const page = await raw.readAll({ after, maxCount: pageSize });
    for (const event of page) yield event;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = last.position;
  }
}

/** The tree's leaf data in order: each stored event's hash as bytes (leaf i = i-th event). */
export async function* eventLogLeaves(
  store: EventStore,
  options: { readonly pageSize?: number } = {},
): AsyncGenerator<Buffer> {
  for await (const event of storedLog(store, options)) yield eventHashBytes(event.hash);
}
