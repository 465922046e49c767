import type { PublicCloudEvent, PublicEventType } from '@ledger/contracts';
import type { Principal } from '@ledger/runtime';
import { FeedFilter } from './feed-filter';
import { TailBatch, type TailEntry, type TailSelection } from './feed-tail-batch';

const RISK: PublicEventType = 'com.delivery-ledger.project.risk-raised.v1';
const SCOPE: PublicEventType = 'com.delivery-ledger.project.scope-changed.v1';

const integration = (programs: Principal['programs']): Principal => ({
  sub: 'erp',
  roles: ['integration'],
  programs,
});

function entry(position: number, type: PublicEventType | null, programid = 'p1'): TailEntry {
  if (type === null) return { position, message: null, frame: null };
  return {
    position,
    message: { type, programid } as unknown as PublicCloudEvent,
    frame: Buffer.from(`id: ${position}\n\n`),
  };
}

/** A selection that counts its decisions. */
function counting(inner: TailSelection): TailSelection & { decisions: number } {
  const selection = {
    key: inner.key,
    decisions: 0,
    accepts: (message: PublicCloudEvent) => {
      selection.decisions += 1;
      return inner.accepts(message);
    },
  };
  return selection;
}

describe('TailBatch', () => {
  const batch = () =>
    new TailBatch([entry(4, RISK), entry(5, null), entry(6, SCOPE), entry(7, RISK, 'p2')]);

  it('joins the frames a selection accepts, in log order, into one buffer', () => {
    const risks = FeedFilter.from(integration('*'), RISK, undefined);
    expect(batch().framesAfter(3, risks)?.toString()).toBe('id: 4\n\nid: 7\n\n');
    const p1 = FeedFilter.from(integration(['p1']), undefined, undefined);
    expect(batch().framesAfter(3, p1)?.toString()).toBe('id: 4\n\nid: 6\n\n');
    expect(batch().lastPosition).toBe(7);
  });

  it('answers null when the selection accepts none of it', () => {
    const other = FeedFilter.from(integration(['p3']), undefined, undefined);
    expect(batch().framesAfter(3, other)).toBeNull();
  });

  it('decides once per selection: followers with the same filter share the decisions and the bytes', () => {
    const shared = batch();
    const first = counting(FeedFilter.from(integration('*'), RISK, undefined));
    // Another connection's filter, equal in what it accepts (same claim, same types).
    const second = counting(FeedFilter.from(integration('*'), [RISK], undefined));
    expect(second.key).toBe(first.key);

    const bytes = shared.framesAfter(3, first);
    expect(shared.framesAfter(3, second)).toBe(bytes);
    expect(first.decisions).toBe(3);
    expect(second.decisions).toBe(0);
  });

  it('takes only the entries after the position of a follower that joined inside the batch', () => {
    const risks = FeedFilter.from(integration('*'), RISK, undefined);
    const shared = batch();
    expect(shared.framesAfter(4, risks)?.toString()).toBe('id: 7\n\n');
    expect(shared.framesAfter(6, risks)?.toString()).toBe('id: 7\n\n');
    // …without handing that partial answer to the followers that take the whole batch.
    expect(shared.framesAfter(3, risks)?.toString()).toBe('id: 4\n\nid: 7\n\n');
  });
});

describe('FeedFilter.key', () => {
  it('is the same for filters that accept the same messages, and differs otherwise', () => {
    const key = (programs: Principal['programs'], type?: string, programId?: string) =>
      FeedFilter.from(integration(programs), type, programId).key;
    expect(key(['p2', 'p1', 'p1'], `${SCOPE},${RISK}`)).toBe(key(['p1', 'p2'], `${RISK},${SCOPE}`));
    expect(key('*')).not.toBe(key(['p1']));
    expect(key('*', RISK)).not.toBe(key('*'));
    expect(key('*', undefined, 'p1')).not.toBe(key('*'));
  });
});
