import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metadataFor, proposed } from '../contract/contract-fixtures';
import { storedEventJsonOf, storedJsonReader } from '../stored-event-json';
import { EventSchemas, upcasting } from '../upcasting';
import { SqliteEventStore } from './sqlite.event-store';

/**
 * Every character JSON.stringify escapes (quote, backslash, each control character), some it
 * writes as they are (DEL, U+2028, non-ASCII, a surrogate pair), and a lone surrogate (stored as
 * U+FFFD: UTF-8 text cannot hold it).
 */
const AWKWARD = `"\\/${Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).join('')}\u007f\u2028é€😀\ud800end`;

/** The envelope's JSON text made by SQLite (readAllStoredJson) is the one made in TypeScript. */
describe('SqliteEventStore.readAllStoredJson', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-stored-json-'));
    store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers each event as storedEventJsonOf writes it, whatever its strings hold', async () => {
    await store.append(
      `awkward-${AWKWARD}`,
      [
        {
          ...proposed(`Type ${AWKWARD}`, { text: AWKWARD, 10: 1, 9: [AWKWARD, -0.5, 1e21] }),
          id: `id ${AWKWARD}`,
        },
        { ...proposed('Plain', {}), metadata: metadataFor({ correlationId: AWKWARD }) },
      ],
      'no-stream',
    );
    await store.append('plain-1', [proposed('Plain', { n: 1 })], 'no-stream');

    const rows = await store.readAllStoredJson({ maxCount: 10 });
    const texts = await store.readAllStoredText({ maxCount: 10 });
    expect(rows).toEqual(
      texts.map((event) => [
        event.position,
        event.streamId,
        event.revision,
        event.hash,
        storedEventJsonOf(event),
      ]),
    );
    // And the text is the envelope readAll answers.
    const events = await store.readAll({ maxCount: 10 });
    expect(rows.map((row) => JSON.parse(row[4]) as unknown)).toEqual(events);
    expect(rows.map((row) => row[4]).join('')).toContain('\\u0000');
  });

  it('pages strictly after the position it is given, at most maxCount events', async () => {
    const { events } = await store.append(
      'plain-1',
      [1, 2, 3, 4].map((n) => proposed('Plain', { n })),
      'no-stream',
    );
    const page = await store.readAllStoredJson({ after: events[0]!.position, maxCount: 2 });
    expect(page.map((row) => row[0])).toEqual([events[1]!.position, events[2]!.position]);
    await expect(store.readAllStoredJson({ maxCount: 0 })).resolves.toEqual([]);
    await expect(store.readAllStoredJson({ maxCount: -1 })).rejects.toBeInstanceOf(RangeError);
  });

  it('is found under an upcasting decorator, bound to the adapter', async () => {
    await store.append('plain-1', [proposed('Plain', { n: 1 })], 'no-stream');
    const reader = storedJsonReader(upcasting(store, new EventSchemas({})));
    expect(await reader?.readAllStoredJson({ maxCount: 10 })).toEqual(
      await store.readAllStoredJson({ maxCount: 10 }),
    );
  });
});
