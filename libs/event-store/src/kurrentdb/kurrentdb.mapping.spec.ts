import {
  NO_STREAM,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type { ProposedEvent } from '../event-envelope';
import { EMPTY_STREAM_HEAD, sealEvents, verifyChain, type SealedEvent } from '../hash-chain';
import {
  MalformedStoredEventError,
  fromResolvedEvent,
  isForeignToLedger,
  isSystemEvent,
  numberToPosition,
  positionToNumber,
  satisfiesExpectation,
  serverFilterFor,
  streamStateFor,
  toEventData,
  type AppendBatch,
} from './kurrentdb.mapping';

const proposed = (id: string, type: string, data: ProposedEvent['data']): ProposedEvent => ({
  id,
  type,
  schemaVersion: 2,
  data,
  metadata: {
    effectiveAt: '2025-03-01T00:00:00.000Z',
    actor: { sub: 'user-1', roles: ['project-manager'] },
    correlationId: 'corr-1',
    causationId: 'cmd-1',
    commandId: 'cmd-1',
    idempotency: { key: 'key-1', requestHash: 'f00d' },
  },
});

const STREAM = 'program-42';
const sealed = sealEvents(
  STREAM,
  EMPTY_STREAM_HEAD,
  [
    proposed('0B7C3A52-9D0E-4B55-8C1F-6A2D9E4F1A01', 'ProgramOpened', {
      name: 'Fleet refit',
      budget: { amount: 1250.5, currency: 'EUR' },
      tags: ['a', 'b'],
      closedAt: null,
    }),
    proposed('5e2d1c7a-3b4f-4e8a-9c6d-2f1b0a9e8d72', 'RiskRaised', { severity: 3 }),
  ],
  '2025-03-01T10:00:00.123Z',
);
const batch: AppendBatch = { firstRevision: 0, size: 2 };

/** What the client hands back for a stored event: JSON re-parsed, id lower-cased by KurrentDB. */
function asStored(event: SealedEvent, commit: bigint): AllStreamResolvedEvent {
  const data = toEventData(event, batch);
  return {
    event: {
      streamId: event.streamId,
      id: data.id.toLowerCase(),
      isJson: true,
      revision: BigInt(event.revision),
      type: data.type,
      created: new Date('2025-03-01T10:00:00.200Z'),
      data: JSON.parse(JSON.stringify(data.data)),
      metadata: JSON.parse(JSON.stringify(data.metadata)),
      position: { commit, prepare: commit },
    },
    commitPosition: commit,
  };
}

const first = sealed[0]!;
const second = sealed[1]!;

describe('KurrentDB mapping: envelope → the client jsonEvent', () => {
  it('keeps the envelope id, type and data, and the rest of the envelope in metadata', () => {
    const data = toEventData(first, batch);
    expect(data).toEqual({
      id: first.id,
      contentType: 'application/json',
      type: 'ProgramOpened',
      data: first.data,
      metadata: {
        $correlationId: 'corr-1',
        $causationId: 'cmd-1',
        ledger: {
          format: 1,
          id: first.id,
          streamId: STREAM,
          revision: 0,
          schemaVersion: 2,
          recordedAt: '2025-03-01T10:00:00.123Z',
          prevHash: first.prevHash,
          hash: first.hash,
          metadata: first.metadata,
          append: { firstRevision: 0, size: 2 },
        },
      },
    });
  });
});

describe('KurrentDB mapping: resolved event → RecordedEvent', () => {
  it('round-trips a sealed batch exactly, position from the commit position', () => {
    const decoded = [asStored(first, 1000n), asStored(second, 1234n)].map(fromResolvedEvent);
    expect(decoded.map((d) => d.event)).toEqual([
      { ...first, position: 1000 },
      { ...second, position: 1234 },
    ]);
    expect(decoded.map((d) => d.append)).toEqual([batch, batch]);
    expect(verifyChain(decoded.map((d) => d.event))).toMatchObject({ ok: true, verified: 2 });
  });

  it('keeps the writer’s spelling of an id that KurrentDB hands back lower-cased', () => {
    const { event } = fromResolvedEvent(asStored(first, 1000n));
    expect(event.id).toBe('0B7C3A52-9D0E-4B55-8C1F-6A2D9E4F1A01');
  });

  it('takes revision and position from KurrentDB, so a moved event fails verification', () => {
    const moved = asStored(second, 1234n);
    const { event } = fromResolvedEvent({ ...moved, event: { ...moved.event!, revision: 7n } });
    expect(event.revision).toBe(7);
    expect(verifyChain([event])).toMatchObject({ ok: false, brokenAt: 7 });
  });

  it('reads the position of a stream read from the resolved commit position when the record has none', () => {
    const stored = asStored(first, 1000n);
    const fromStream: ResolvedEvent = {
      event: { ...stored.event!, position: undefined },
      commitPosition: 2048n,
    };
    expect(fromResolvedEvent(fromStream).event.position).toBe(2048);
    expect(() => fromResolvedEvent({ event: fromStream.event })).toThrow(/no commit position/);
  });

  it('refuses events that are not our envelope, naming stream and revision', () => {
    const stored = asStored(first, 1000n);
    const foreign = { ...stored, event: { ...stored.event!, metadata: { $correlationId: 'x' } } };
    expect(() => fromResolvedEvent(foreign)).toThrow(MalformedStoredEventError);
    expect(() => fromResolvedEvent(foreign)).toThrow(/program-42@0.*no `ledger`/);

    const badMetadata = JSON.parse(JSON.stringify(stored.event!.metadata));
    delete badMetadata.ledger.metadata.actor;
    expect(() =>
      fromResolvedEvent({ ...stored, event: { ...stored.event!, metadata: badMetadata } }),
    ).toThrow(/metadata is incomplete/);

    const binary: AllStreamResolvedEvent = {
      event: {
        ...stored.event!,
        isJson: false,
        data: new Uint8Array([1, 2]),
        metadata: undefined,
      },
    };
    expect(() => fromResolvedEvent(binary)).toThrow(/not a JSON event/);
  });

  it('tells KurrentDB system events and unresolved links from ours', () => {
    expect(isSystemEvent('$settings', 'Settings')).toBe(true);
    expect(isSystemEvent('$ce-program', '$>')).toBe(true);
    expect(isSystemEvent('program-1', '$metadata')).toBe(true);
    expect(isSystemEvent('program-1', 'ProgramOpened')).toBe(false);
    expect(isForeignToLedger({})).toBe(true);
    expect(isForeignToLedger(asStored(first, 1000n))).toBe(false);
  });
});

describe('KurrentDB mapping: positions', () => {
  it('converts commit positions to safe numbers and refuses the rest', () => {
    expect(positionToNumber(0n)).toBe(0);
    expect(positionToNumber(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => positionToNumber(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError);
    // Older servers mark "no position" on stream reads with -1 as an unsigned 64-bit value.
    expect(() => positionToNumber(18446744073709551615n)).toThrow(RangeError);
  });

  it('turns a number back into a position whose commit and prepare parts are equal', () => {
    expect(numberToPosition(4096)).toEqual({ commit: 4096n, prepare: 4096n });
    expect(() => numberToPosition(-1)).toThrow(RangeError);
    expect(() => numberToPosition(1.5)).toThrow(RangeError);
  });
});

describe('KurrentDB mapping: expectation → streamState', () => {
  it.each([
    ['any', -1, true],
    ['any', 3, true],
    ['no-stream', -1, true],
    ['no-stream', 0, false],
    ['stream-exists', -1, false],
    ['stream-exists', 0, true],
    [2, 2, true],
    [2, 3, false],
    [2, -1, false],
    [0, -1, false],
  ] as const)('expected %p against head %p → %p', (expected, head, ok) => {
    expect(satisfiesExpectation(expected, head)).toBe(ok);
  });

  it('always appends on the exact head it sealed on', () => {
    expect(streamStateFor(-1)).toBe(NO_STREAM);
    expect(streamStateFor(0)).toBe(0n);
    expect(streamStateFor(41)).toBe(41n);
  });
});

describe('KurrentDB mapping: $all filters', () => {
  const regexOf = (filter: ReturnType<typeof serverFilterFor>): RegExp => {
    if (!('regex' in filter)) throw new Error('expected a regex filter');
    return new RegExp(filter.regex);
  };

  it('sends event types to the server as an exact-match alternation', () => {
    const filter = serverFilterFor({ eventTypes: ['RiskRaised', 'Risk.Closed'] });
    expect(filter.filterOn).toBe('eventType');
    const regex = regexOf(filter);
    expect(regex.test('RiskRaised')).toBe(true);
    expect(regex.test('Risk.Closed')).toBe(true);
    expect(regex.test('RiskXClosed')).toBe(false);
    expect(regex.test('RiskRaisedAgain')).toBe(false);
    expect(regex.test('$metadata')).toBe(false);
  });

  it('sends stream categories as a stream-name regex on the part before the first dash', () => {
    const filter = serverFilterFor({ streamCategories: ['program', 'risk'] });
    expect(filter.filterOn).toBe('streamName');
    const regex = regexOf(filter);
    expect(regex.test('program-42')).toBe(true);
    expect(regex.test('program-42-sub')).toBe(true);
    expect(regex.test('program')).toBe(true);
    expect(regex.test('programme-1')).toBe(false);
    expect(regex.test('$ce-program')).toBe(false);
  });

  it('prefers event types when both are given (the categories are checked on the client)', () => {
    expect(serverFilterFor({ eventTypes: ['A'], streamCategories: ['b'] }).filterOn).toBe(
      'eventType',
    );
  });

  it('without a filter, still leaves system events on the server', () => {
    const filter = serverFilterFor(undefined);
    expect(filter.filterOn).toBe('eventType');
    const regex = regexOf(filter);
    expect(regex.test('ProgramOpened')).toBe(true);
    expect(regex.test('$statsCollected')).toBe(false);
  });
});
