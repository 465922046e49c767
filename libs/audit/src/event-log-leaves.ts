import {
  computeEventHash,
  computeEventHashFromText,
  storedEventJsonOf,
  storedEvents,
  storedJsonReader,
  storedTextReader,
  type EventStore,
  type RecordedEvent,
  type StoredEventJson,
  type StoredEventText,
  type StoredTextReader,
} from '@ledger/event-store';
import { eventHashBytes } from './merkle-tree';
import type { ChainLinkFields } from './stream-chain-check';

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

/** An event's position in $all (what pages pages by). */
const positionOfEvent = (event: { readonly position: number }): number => event.position;

/** Every item of $all from `after` (exclusive), one page read at a time, in position order. */
async function* pagesOf<T extends { readonly position: number }>(
  readPage: (after: number, maxCount: number) => Promise<T[]>,
  options: { readonly after?: number; readonly pageSize?: number },
): AsyncGenerator<T> {
  for await (const page of pages(readPage, options, positionOfEvent)) yield* page;
}

/**
 * The pages of $all from `after` (exclusive), in position order; none empty. `positionOf` reads
 * an item's position (a StoredEventJson holds it first).
 */
async function* pages<T>(
  readPage: (after: number, maxCount: number) => Promise<T[]>,
  options: { readonly after?: number; readonly pageSize?: number },
  positionOf: (item: T) => number,
): AsyncGenerator<T[]> {
  const pageSize = options.pageSize ?? 1000;
  let after = options.after ?? 0;
  for (;;) {
    const page = await readPage(after, pageSize);
    const last = page.at(-1);
    if (!last) return;
    yield page;
    if (page.length < pageSize) return;
    after = positionOf(last);
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
 * One page of $all as stored, with each event's content hash recomputed (contentHashes[i] is
 * events[i]'s). The hashes sit beside the events rather than in a link object per event: a
 * verification walks 100,000s of events and every object it makes per event is garbage.
 */
export interface HashedPage {
  readonly events: readonly ChainLinkFields[];
  readonly contentHashes: readonly string[];
}

/**
 * $all as stored, page by page, each event's content hash recomputed. Where the adapter hands
 * over the stored canonical text (SQLite), the hash is taken over that text directly: no JSON
 * parse, no re-serialisation (verify-all went from 0.26 to the ratio in docs/BENCHMARKS.md).
 * Elsewhere (KurrentDB) it is recomputed from the parsed event.
 *
 * Pages, not events: an async generator's every yield is a promise and a turn of the microtask
 * queue, and two nested ones per event (this over pagesOf) were ~12 % of a 100,000-event
 * verification's profile; the caller loops over each page synchronously.
 */
export async function* storedLogHashedPages(
  store: EventStore,
  options: { readonly after?: number; readonly pageSize?: number } = {},
): AsyncGenerator<HashedPage> {
  const texts = storedTextReader(store);
  if (!texts) {
    const raw = storedEvents(store);
    for await (const events of pages(
      (after, maxCount) => raw.readAll({ after, maxCount }),
      options,
      positionOfEvent,
    ))
      yield { events, contentHashes: events.map((event) => computeEventHash(event)) };
    return;
  }
  for await (const events of storedTextPages(texts, options)) {
    const contentHashes = new Array<string>(events.length);
    for (let index = 0; index < events.length; index += 1) {
      const event = events[index] as StoredEventText;
      contentHashes[index] = computeEventHashFromText(event, event.dataJson, event.metadataJson);
    }
    yield { events, contentHashes };
  }
}

/**
 * $all as stored, page by page (see storedLogHashedPages for why pages), each event as the JSON
 * text of its envelope (storedEventJsonOf): made by the store where the adapter offers it
 * (SQLite, from the stored text), else from the parsed event, its bodies serialised once
 * (KurrentDB). For readers that copy whole events out (the evidence export writes each envelope
 * as it is) and parse one only when they need a fact from it.
 */
export async function* storedLogJsonPages(
  store: EventStore,
  options: { readonly after?: number; readonly pageSize?: number } = {},
): AsyncGenerator<readonly StoredEventJson[]> {
  const json = storedJsonReader(store);
  if (json) {
    yield* pages(
      (after, maxCount) => json.readAllStoredJson({ after, maxCount }),
      options,
      (event) => event[0],
    );
    return;
  }
  const raw = storedEvents(store);
  for await (const events of pages(
    (after, maxCount) => raw.readAll({ after, maxCount }),
    options,
    positionOfEvent,
  ))
    yield events.map(({ data, metadata, ...event }): StoredEventJson => [
      event.position,
      event.streamId,
      event.revision,
      event.hash,
      storedEventJsonOf({
        ...event,
        dataJson: JSON.stringify(data),
        metadataJson: JSON.stringify(metadata),
      }),
    ]);
}

function storedTextPages(
  texts: StoredTextReader,
  options: { readonly after?: number; readonly pageSize?: number },
): AsyncGenerator<StoredEventText[]> {
  return pages(
    (after, maxCount) => texts.readAllStoredText({ after, maxCount }),
    options,
    positionOfEvent,
  );
}
