import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { ProposedEvent, RecordedEvent } from './event-envelope';
import {
  computeEventHash,
  computeEventHashFromText,
  EMPTY_STREAM_HEAD,
  GENESIS_HASH,
  sealEvents,
  sealEventsForStorage,
  verifyChain,
} from './hash-chain';

const RECORDED_AT = '2026-03-01T12:00:00.000Z';

function proposed(n: number): ProposedEvent {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type: 'Counted',
    schemaVersion: 1,
    data: { n, label: `event ${n}` },
    metadata: {
      effectiveAt: '2026-03-01T00:00:00.000Z',
      actor: { sub: 'alice', roles: ['pmo'] },
      correlationId: 'corr',
      causationId: 'cmd',
      commandId: 'cmd',
    },
  };
}

/** A stored stream of `count` events, positions as a store would give them. */
function stream(count: number): RecordedEvent[] {
  const sealed = sealEvents(
    'counter-1',
    EMPTY_STREAM_HEAD,
    Array.from({ length: count }, (_, n) => proposed(n)),
    RECORDED_AT,
  );
  return sealed.map((event, index) => ({ ...event, position: 100 + index }));
}

describe('sealEvents', () => {
  it('numbers events from the head and links each to its predecessor', () => {
    const first = sealEvents(
      'counter-1',
      EMPTY_STREAM_HEAD,
      [proposed(0), proposed(1)],
      RECORDED_AT,
    );
    expect(first.map((event) => event.revision)).toEqual([0, 1]);
    expect(first[0]?.prevHash).toBe(GENESIS_HASH);
    expect(first[1]?.prevHash).toBe(first[0]?.hash);

    const head = { revision: 1, hash: first[1]!.hash };
    const next = sealEvents('counter-1', head, [proposed(2)], RECORDED_AT);
    expect(next[0]).toMatchObject({
      revision: 2,
      prevHash: head.hash,
      streamId: 'counter-1',
      recordedAt: RECORDED_AT,
    });
  });

  it('hashes prevHash ‖ canonical JSON of the envelope without hash and position', () => {
    const [event] = sealEvents('counter-1', EMPTY_STREAM_HEAD, [proposed(0)], RECORDED_AT);
    const { hash, ...content } = event!;
    const expected = createHash('sha256')
      .update(GENESIS_HASH)
      .update(canonicalJson(content))
      .digest('hex');
    expect(hash).toBe(expected);
    expect(computeEventHash({ ...event!, position: 42 })).toBe(hash);
  });

  it('gives the same hash whatever the key order of the data', () => {
    const a = proposed(0);
    const b = { ...a, data: { label: 'event 0', n: 0 } };
    const [sealedA] = sealEvents('s-1', EMPTY_STREAM_HEAD, [a], RECORDED_AT);
    const [sealedB] = sealEvents('s-1', EMPTY_STREAM_HEAD, [b], RECORDED_AT);
    expect(sealedA?.hash).toBe(sealedB?.hash);
  });

  it('binds the hash to the stream, the revision and the time', () => {
    const hashOf = (streamId: string, revision: number, recordedAt: string) =>
      sealEvents(
        streamId,
        { revision: revision - 1, hash: GENESIS_HASH },
        [proposed(0)],
        recordedAt,
      )[0]?.hash;
    const base = hashOf('s-1', 0, RECORDED_AT);
    expect(hashOf('s-2', 0, RECORDED_AT)).not.toBe(base);
    expect(hashOf('s-1', 1, RECORDED_AT)).not.toBe(base);
    expect(hashOf('s-1', 0, '2026-03-01T12:00:00.001Z')).not.toBe(base);
  });
});

describe('computeEventHashFromText', () => {
  it('over the canonical texts the append stored equals the hash of the parsed event', () => {
    const [sealed] = sealEventsForStorage(
      'counter-1',
      EMPTY_STREAM_HEAD,
      [proposed(7)],
      RECORDED_AT,
    );
    if (!sealed) throw new Error('sealed nothing');
    expect(computeEventHashFromText(sealed.event, sealed.dataJson, sealed.metadataJson)).toBe(
      sealed.event.hash,
    );
    expect(computeEventHash(sealed.event)).toBe(sealed.event.hash);
    // Any other text of the same value is another hash: the stored bytes are the evidence.
    expect(
      computeEventHashFromText(sealed.event, ` ${sealed.dataJson}`, sealed.metadataJson),
    ).not.toBe(sealed.event.hash);
  });
});

describe('sealEventsForStorage', () => {
  it('gives each body as its canonical JSON, whatever the head hash, the id and the characters', () => {
    // The texts are cut out of the hashed text by offsets: a head hash of another length, ids
    // and bodies that need escaping, two-byte and astral characters must all land exactly.
    const events: ProposedEvent[] = [
      { ...proposed(1), id: 'id "with" \\ quotes\u0001', data: { b: 'ünï "q"', a: ['𝄞', null] } },
      {
        ...proposed(2),
        data: {},
        metadata: { ...proposed(2).metadata, correlationId: '\ud800 lone' },
      },
      { ...proposed(3), id: 'é', data: { nested: { z: 1, y: [true, 1.5] } } },
    ];
    for (const head of [EMPTY_STREAM_HEAD, { revision: 0, hash: 'short' }]) {
      const sealed = sealEventsForStorage('stream-ü', head, events, RECORDED_AT);
      sealed.forEach(({ event, dataJson, metadataJson }, index) => {
        expect(dataJson).toBe(canonicalJson(events[index]!.data));
        expect(metadataJson).toBe(canonicalJson(events[index]!.metadata));
        expect(computeEventHashFromText(event, dataJson, metadataJson)).toBe(event.hash);
      });
    }
  });
});

describe('verifyChain', () => {
  it('accepts an untampered stream (and an empty one)', () => {
    const events = stream(5);
    expect(verifyChain(events)).toEqual({
      ok: true,
      verified: 5,
      head: { revision: 4, hash: events[4]!.hash },
    });
    expect(verifyChain([])).toEqual({ ok: true, verified: 0, head: EMPTY_STREAM_HEAD });
  });

  it('ignores the position, which the store assigns at commit', () => {
    const moved = stream(3).map((event) => ({ ...event, position: event.position + 1000 }));
    expect(verifyChain(moved).ok).toBe(true);
  });

  it('detects edited data, type or metadata at the edited revision', () => {
    const events = stream(5);
    const edit = (index: number, change: Partial<RecordedEvent>) =>
      verifyChain(events.map((event, i) => (i === index ? { ...event, ...change } : event)));

    expect(edit(2, { data: { n: 2000, label: 'event 2' } })).toMatchObject({
      ok: false,
      brokenAt: 2,
      verified: 2,
    });
    expect(edit(0, { type: 'Forged' })).toMatchObject({ ok: false, brokenAt: 0, verified: 0 });
    expect(
      edit(4, { metadata: { ...events[4]!.metadata, actor: { sub: 'mallory', roles: ['pmo'] } } }),
    ).toMatchObject({
      ok: false,
      brokenAt: 4,
    });
    expect(edit(3, { recordedAt: '2020-01-01T00:00:00.000Z' })).toMatchObject({
      ok: false,
      brokenAt: 3,
    });
  });

  it('detects a re-hashed edit at the next event (its prevHash no longer matches)', () => {
    const events = stream(4);
    const forged = { ...events[1]!, data: { n: 1, label: 'forged' } };
    const rehashed = { ...forged, hash: computeEventHash(forged) };
    expect(verifyChain([events[0]!, rehashed, events[2]!, events[3]!])).toMatchObject({
      ok: false,
      brokenAt: 2,
      verified: 2,
      reason: 'prevHash does not match the previous hash',
    });
  });

  it('detects a removed event', () => {
    const events = stream(5);
    expect(verifyChain([...events.slice(0, 2), ...events.slice(3)])).toMatchObject({
      ok: false,
      brokenAt: 3,
      verified: 2,
    });
    expect(verifyChain(events.slice(1))).toMatchObject({ ok: false, brokenAt: 1, verified: 0 });
  });

  it('detects reordered events', () => {
    const events = stream(4);
    expect(verifyChain([events[0]!, events[2]!, events[1]!, events[3]!])).toMatchObject({
      ok: false,
      brokenAt: 2,
      verified: 1,
    });
  });

  it('detects a wrong prevHash even when revisions and hash are consistent', () => {
    const events = stream(3);
    const relinked = { ...events[1]!, prevHash: 'f'.repeat(64) };
    const resealed = { ...relinked, hash: computeEventHash(relinked) };
    expect(verifyChain([events[0]!, resealed, events[2]!])).toMatchObject({
      ok: false,
      brokenAt: 1,
      reason: 'prevHash does not match the previous hash',
    });
    const wrongGenesis = { ...events[0]!, prevHash: '1'.repeat(64) };
    expect(verifyChain([{ ...wrongGenesis, hash: computeEventHash(wrongGenesis) }])).toMatchObject({
      ok: false,
      brokenAt: 0,
    });
  });
});

describe('the hashed text', () => {
  it('equals canonicalJson of the whole envelope without hash and position (assembled form)', () => {
    const [sealed] = sealEvents(
      'program-ü',
      { revision: 4, hash: 'a'.repeat(64) },
      [
        {
          id: 'e1',
          type: 'Thing"Quoted',
          schemaVersion: 3,
          data: { z: [1, { b: 2, a: null }], a: 'ünï\u0000', m: 1.5e-7 },
          metadata: {
            effectiveAt: 'x',
            actor: { sub: 's', roles: ['pmo'] },
            correlationId: 'c',
            causationId: 'd',
            commandId: 'e',
          },
        },
      ],
      '2026-01-01T00:00:00.000Z',
    );
    const { hash, ...withoutHash } = sealed!;
    const generic = createHash('sha256')
      .update(sealed!.prevHash)
      .update(canonicalJson(withoutHash))
      .digest('hex');
    expect(hash).toBe(generic);
  });

  it("is each envelope's own canonical JSON when types and schema versions change in a batch", () => {
    // Sealing writes the stream, the time and a run of equal types / schema versions once: each
    // event must still hash its own type, schema version, revision and predecessor.
    const kinds: [string, number][] = [
      ['A', 1],
      ['A', 1],
      ['B', 1],
      ['B', 2],
      ['A', 2],
      ['A', 1],
    ];
    const events = kinds.map(([type, schemaVersion], n) => ({
      ...proposed(n),
      type,
      schemaVersion,
    }));
    const sealed = sealEvents(
      'stream-"quoted"',
      { revision: 9, hash: 'b'.repeat(64) },
      events,
      RECORDED_AT,
    );
    expect(sealed.map((event) => [event.type, event.schemaVersion, event.revision])).toEqual(
      kinds.map(([type, schemaVersion], n) => [type, schemaVersion, 10 + n]),
    );
    for (const event of sealed) {
      const { hash, ...withoutHash } = event;
      const generic = createHash('sha256')
        .update(event.prevHash)
        .update(canonicalJson(withoutHash))
        .digest('hex');
      expect(hash).toBe(generic);
    }
  });
});
