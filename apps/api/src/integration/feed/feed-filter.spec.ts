import type { PublicCloudEvent, PublicEventType } from '@ledger/contracts';
import type { Principal } from '@ledger/runtime';
import { FeedFilter, InvalidFeedFilterError } from './feed-filter';

const RISK: PublicEventType = 'com.delivery-ledger.project.risk-raised.v1';
const SCOPE: PublicEventType = 'com.delivery-ledger.project.scope-changed.v1';
const CLOSED: PublicEventType = 'com.delivery-ledger.project.closed.v1';

const integration = (programs: Principal['programs']): Principal => ({
  sub: 'erp',
  roles: ['integration'],
  programs,
});

const message = (type: PublicEventType, programid: string) =>
  ({ type, programid }) as unknown as PublicCloudEvent;

describe('FeedFilter', () => {
  it("passes only the programs of the token's claim", () => {
    const filter = FeedFilter.from(integration(['p1']), undefined, undefined);
    expect(filter.accepts(message(RISK, 'p1'))).toBe(true);
    expect(filter.accepts(message(RISK, 'p2'))).toBe(false);
    expect(
      FeedFilter.from(integration('*'), undefined, undefined).accepts(message(RISK, 'p2')),
    ).toBe(true);
  });

  it('narrows to ?programId', () => {
    const filter = FeedFilter.from(integration('*'), undefined, 'p2');
    expect(filter.requestedProgram).toBe('p2');
    expect(filter.accepts(message(RISK, 'p2'))).toBe(true);
    expect(filter.accepts(message(RISK, 'p1'))).toBe(false);
  });

  it('takes types repeated or as a comma list', () => {
    const repeated = FeedFilter.from(integration('*'), [RISK, SCOPE], undefined);
    const listed = FeedFilter.from(integration('*'), `${RISK}, ${SCOPE}`, undefined);
    for (const filter of [repeated, listed]) {
      expect(filter.accepts(message(RISK, 'p1'))).toBe(true);
      expect(filter.accepts(message(SCOPE, 'p1'))).toBe(true);
      expect(filter.accepts(message(CLOSED, 'p1'))).toBe(false);
    }
  });

  it('refuses a type that is not public (a typo would otherwise filter everything out)', () => {
    expect(() => FeedFilter.from(integration('*'), ['RiskRaised'], undefined)).toThrow(
      InvalidFeedFilterError,
    );
  });

  it('the claim still applies when the query names another program', () => {
    const filter = FeedFilter.from(integration(['p1']), undefined, 'p2');
    expect(filter.accepts(message(RISK, 'p2'))).toBe(false);
  });
});
