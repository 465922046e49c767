import { EMPTY_STREAM_HEAD, type StreamHead } from '@ledger/event-store';
import { checkHashedLink, isIntactNextLink, type ChainLinkFields } from './stream-chain-check';

const HEAD: StreamHead = { revision: 4, hash: 'a'.repeat(64) };
const HASH = 'b'.repeat(64);

describe('isIntactNextLink (the verifier skips checkHashedLink when it holds)', () => {
  const cases: { name: string; head: StreamHead; event: ChainLinkFields; contentHash: string }[] =
    [];
  for (const revision of [3, 4, 5, 6])
    for (const prevHash of [HEAD.hash, 'c'.repeat(64)])
      for (const contentHash of [HASH, 'd'.repeat(64)])
        cases.push({
          name: `revision ${revision}, prevHash ${prevHash.slice(0, 1)}, content ${contentHash.slice(0, 1)}`,
          head: HEAD,
          event: { position: 9, streamId: 's', revision, prevHash, hash: HASH },
          contentHash,
        });
  cases.push({
    name: 'a first event after the empty head',
    head: EMPTY_STREAM_HEAD,
    event: {
      position: 1,
      streamId: 's',
      revision: 0,
      prevHash: EMPTY_STREAM_HEAD.hash,
      hash: HASH,
    },
    contentHash: HASH,
  });

  it.each(cases)('holds exactly when checkHashedLink finds nothing: $name', (c) => {
    const { problems, head } = checkHashedLink(c.head, c.event, c.contentHash);
    expect(isIntactNextLink(c.head, c.event, c.contentHash)).toBe(problems.length === 0);
    if (problems.length === 0) expect(head).toEqual({ revision: c.event.revision, hash: HASH });
  });

  it('holds for the intact next link only', () => {
    const next = { position: 9, streamId: 's', revision: 5, prevHash: HEAD.hash, hash: HASH };
    expect(isIntactNextLink(HEAD, next, HASH)).toBe(true);
    expect(isIntactNextLink(HEAD, { ...next, revision: 6 }, HASH)).toBe(false);
    expect(isIntactNextLink(HEAD, { ...next, prevHash: HASH }, HASH)).toBe(false);
    expect(isIntactNextLink(HEAD, next, HEAD.hash)).toBe(false);
  });
});
