import {
  computeEventHash,
  computeEventHashFromText,
  storedEvents,
  storedTextReader,
  type EventStore,
  type RecordedEvent,
  type StoredEventText,
  type StoredTextReader,
} from '@ledger/event-store';
import { eventHashBytes } from './merkle-tree';
import type { HashedLink } from './stream-chain-check';

/**
 * The events of $all as STORED (under any upcasting decorator: hashes are over stored bytes),
 * page by page in position order, from `after` (exclusive). Memory: one page.
 */
export async function* storedLog(
  store: EventStore,
  options: { readonly after?: number; readonly pageSize?: number } = {},
): AsyncGenerator<RecordedEvent> {
  const raw = storedEvents(store);
  yield* pagesOf((after, maxCount) => raw.readAll({ after, maxCount }), options);
}

/** Every item of $all from `after` (exclusive), one page read at a time, in position order. */
async function* pagesOf<T extends { readonly position: number }>(
  readPage: (after: number, maxCount: number) => Promise<T[]>,
  options: { readonly after?: number; readonly pageSize?: number },
): AsyncGenerator<T> {
  const pageSize = options.pageSize ?? 1000;
  let after = options.after ?? 0;
  for (;;) {
    const page = await readPage(after, pageSize);
    yield* page;
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

/**
 * $all as stored, page by page, each event reduced to its chain link with its content hash
 * recomputed. Where the adapter hands over the stored canonical text (SQLite), the hash is taken
 * over that text directly: no JSON parse, no re-serialisation (verify-all went from 0.26 to the
 * ratio in docs/BENCHMARKS.md). Elsewhere (KurrentDB) it is recomputed from the parsed event.
 */
export async function* storedLogLinks(
  store: EventStore,
  options: { readonly after?: number; readonly pageSize?: number } = {},
): AsyncGenerator<HashedLink> {
  const texts = storedTextReader(store);
  if (!texts) {
    for await (const event of storedLog(store, options))
      yield { ...linkOf(event), contentHash: computeEventHash(event) };
    return;
  }
  for await (const event of storedTextPages(texts, options))
    yield {
      ...linkOf(event),
      contentHash: computeEventHashFromText(event, event.dataJson, event.metadataJson),
    };
}

/**
 * $all as stored, page by page, bodies as JSON text: the exact stored text where the adapter
 * hands it over (SQLite: no parse at all), else the parsed bodies serialised once (KurrentDB).
 * For readers that mostly copy events (the evidence export writes each body as it is stored)
 * and parse a body only when they need a fact from it.
 */
export async function* storedLogTexts(
  store: EventStore,
  options: { readonly after?: number; readonly pageSize?: number } = {},
): AsyncGenerator<StoredEventText> {
  const texts = storedTextReader(store);
  if (!texts) {
    for await (const { data, metadata, ...event } of storedLog(store, options))
      yield { ...event, dataJson: JSON.stringify(data), metadataJson: JSON.stringify(metadata) };
    return;
  }
  yield* storedTextPages(texts, options);
}

function storedTextPages(
  texts: StoredTextReader,
  options: { readonly after?: number; readonly pageSize?: number },
): AsyncGenerator<StoredEventText> {
  return pagesOf((after, maxCount) => texts.readAllStoredText({ after, maxCount }), options);
}

function linkOf(event: Omit<HashedLink, 'contentHash'>): Omit<HashedLink, 'contentHash'> {
  return {
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    prevHash: event.prevHash,
    hash: event.hash,
  };
}
