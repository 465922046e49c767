import { deciderSpec } from '@ledger/testing';
import { acceptanceDecider, acceptanceStreamId, type OpenAcceptance } from '.';
import {
  cluster3,
  facIssued,
  metaAs,
  opened,
  pacIssued,
  passed,
  punchItemCleared,
  punchItemRaised,
  testResult,
  testScheduled,
} from './acceptance.spec-fixtures';

const spec = deciderSpec(acceptanceDecider);

describe('Acceptance decider', () => {
  it('names its stream acceptance-<id>', () => {
    expect(acceptanceStreamId('acc-3')).toBe('acceptance-acc-3');
  });

  describe('OpenAcceptance', () => {
    const open = (data: Partial<OpenAcceptance['data']> = {}): OpenAcceptance => ({
      type: 'OpenAcceptance',
      data: {
        acceptanceId: 'acc-3',
        projectId: 'prj-1',
        object: cluster3,
        obligation: { contractId: 'k1', obligationId: 'ob-pac-3' },
        ...data,
      },
      meta: metaAs(),
    });
    it('opens an acceptance for a cluster, linked to the obligation its PAC fulfils, 12 months warranty by default', () => {
      spec.given([]).when(open()).then([opened]);
    });
    it('opens an acceptance with no contract obligation and its own warranty length', () => {
      spec
        .given([])
        .when(open({ obligation: null, warrantyMonths: 24 }))
        .thenEvents(([event]) =>
          expect(event).toMatchObject({
            data: {
              contractId: null,
              obligationId: null,
              obligationFulfilledBy: null,
              warrantyMonths: 24,
            },
          }),
        );
    });
    it('refuses to open the same acceptance twice', () => {
      spec.given([opened]).when(open()).thenFails('acceptance-already-opened');
    });
    it('refuses an object that is not a site, link, cluster, network or deliverable', () => {
      spec
        .given([])
        .when(open({ object: { kind: 'tower' as never, ref: 'T1', title: 'x' } }))
        .thenFails('invalid-acceptance-object');
    });
    it('refuses a warranty that is not a whole number of months', () => {
      spec
        .given([])
        .when(open({ warrantyMonths: 1.5 }))
        .thenFails('invalid-warranty-period');
      spec
        .given([])
        .when(open({ warrantyMonths: -1 }))
        .thenFails('invalid-warranty-period');
    });
    it('refuses an obligation link without its contract', () => {
      spec
        .given([])
        .when(open({ obligation: { contractId: '', obligationId: 'ob-pac-3' } }))
        .thenFails('invalid-obligation-link');
    });
    it('refuses an actor whose roles may not open acceptances', () => {
      spec
        .given([])
        .when({ ...open(), meta: metaAs(['care']) })
        .thenFails('role-not-permitted-for-acceptance-decision');
    });
    it('takes no other command before it is opened', () => {
      spec
        .given([])
        .when({ type: 'RejectAcceptance', data: { reason: 'x' }, meta: metaAs() })
        .thenFails('acceptance-not-found');
    });
  });

  describe('ScheduleAcceptanceTest', () => {
    const schedule = (testId = 't1', scheduledOn = '2026-03-10') => ({
      type: 'ScheduleAcceptanceTest' as const,
      data: { testId, scheduledOn },
      meta: metaAs(),
    });
    it('schedules a test', () => {
      spec.given([opened]).when(schedule()).then([testScheduled()]);
    });
    it('refuses the same test twice', () => {
      spec
        .given([opened, testScheduled()])
        .when(schedule())
        .thenFails('acceptance-test-already-scheduled');
    });
    it('refuses a date that is not a calendar date', () => {
      spec.given([opened]).when(schedule('t1', 'soon')).thenFails('invalid-date');
    });
    it('takes no more tests after the final acceptance certificate', () => {
      spec
        .given([...passed, pacIssued, facIssued])
        .when(schedule('t9'))
        .thenFails('acceptance-closed');
    });
  });

  describe('RecordAcceptanceTestResult', () => {
    const record = (result: 'passed' | 'failed', testId = 't1', notes?: string) => ({
      type: 'RecordAcceptanceTestResult' as const,
      data: { testId, result, ...(notes === undefined ? {} : { notes }) },
      meta: metaAs(),
    });
    it('records a passed test', () => {
      spec
        .given([opened, testScheduled()])
        .when(record('passed'))
        .then([testResult('passed')]);
    });
    it('records a failed test with notes', () => {
      spec
        .given([opened, testScheduled()])
        .when(record('failed', 't1', 'VSWR out of range on sector 2'))
        .then([testResult('failed', 't1', 'VSWR out of range on sector 2')]);
    });
    it('refuses a result for a test that was never scheduled', () => {
      spec.given([opened]).when(record('passed')).thenFails('acceptance-test-not-found');
    });
    it('refuses a second result for the same test (a re-test is a new test)', () => {
      spec
        .given([opened, testScheduled(), testResult('failed')])
        .when(record('passed'))
        .thenFails('acceptance-test-result-already-recorded');
    });
    it('refuses a result other than passed or failed', () => {
      spec
        .given([opened, testScheduled()])
        .when(record('maybe' as never))
        .thenFails('invalid-test-result');
    });
  });

  describe('RaisePunchItem', () => {
    const raise = (itemId: string, severity: 'A' | 'B', description: string) => ({
      type: 'RaisePunchItem' as const,
      data: { itemId, severity, description },
      meta: metaAs(),
    });
    it('raises a blocking (A) punch item', () => {
      spec
        .given([opened])
        .when(raise('pi-1', 'A', 'alarm on BTS 17'))
        .then([punchItemRaised('pi-1', 'A', 'alarm on BTS 17')]);
    });
    it('raises a minor (B) punch item during the warranty, by care', () => {
      spec
        .given([...passed, pacIssued])
        .when({ ...raise('pi-9', 'B', 'label missing'), meta: metaAs(['care'], 'carl') })
        .thenEvents(([event]) =>
          expect(event).toMatchObject({
            data: { itemId: 'pi-9', raisedBy: 'carl', authority: 'care' },
          }),
        );
    });
    it('refuses the same punch item twice', () => {
      spec
        .given([opened, punchItemRaised('pi-1', 'A', 'alarm')])
        .when(raise('pi-1', 'A', 'alarm'))
        .thenFails('punch-item-already-raised');
    });
    it('refuses a severity other than A or B, or no description', () => {
      spec
        .given([opened])
        .when(raise('pi-1', 'C' as never, 'x'))
        .thenFails('invalid-punch-item');
      spec
        .given([opened])
        .when(raise('pi-1', 'B', ' '))
        .thenFails('invalid-punch-item');
    });
  });

  describe('ClearPunchItem', () => {
    const clear = (itemId: string, ref = `photo-${itemId}`) => ({
      type: 'ClearPunchItem' as const,
      data: { itemId, evidence: { ref } },
      meta: metaAs(),
    });
    it('clears a punch item with evidence', () => {
      spec
        .given([opened, punchItemRaised('pi-1', 'A', 'alarm')])
        .when(clear('pi-1'))
        .then([punchItemCleared('pi-1', 'A')]);
    });
    it('refuses to clear without evidence', () => {
      spec
        .given([opened, punchItemRaised('pi-1', 'A', 'alarm')])
        .when(clear('pi-1', ''))
        .thenFails('punch-item-clearance-needs-evidence');
    });
    it('refuses an unknown punch item', () => {
      spec.given([opened]).when(clear('pi-1')).thenFails('punch-item-not-found');
    });
    it('refuses to clear twice', () => {
      spec
        .given([opened, punchItemRaised('pi-1', 'A', 'alarm'), punchItemCleared('pi-1', 'A')])
        .when(clear('pi-1'))
        .thenFails('punch-item-already-cleared');
    });
  });
});
