import { deciderSpec } from '@ledger/testing';
import { acceptanceDecider, type AcceptanceEvent } from '.';
import {
  facIssued,
  metaAs,
  opened,
  openedLinkedTo,
  pacIssued,
  passed,
  punchItemCleared,
  punchItemRaised,
  testResult,
  testScheduled,
} from './acceptance.spec-fixtures';

const spec = deciderSpec(acceptanceDecider);

const issuePac = (issuedOn = '2026-03-18', certificateId = 'PAC-3') => ({
  type: 'IssueProvisionalAcceptanceCertificate' as const,
  data: { certificateId, issuedOn },
  meta: metaAs(),
});
const issueFac = (issuedOn = '2027-03-18', certificateId = 'FAC-3') => ({
  type: 'IssueFinalAcceptanceCertificate' as const,
  data: { certificateId, issuedOn },
  meta: metaAs(['project-manager'], 'carla', '2027-04-01T10:00:00.000Z'),
});
const reject = (reason = 'drive test KPIs below target') => ({
  type: 'RejectAcceptance' as const,
  data: { reason },
  meta: metaAs(),
});

describe('Acceptance decider: certificates', () => {
  describe('IssueProvisionalAcceptanceCertificate', () => {
    it('issues the PAC after a passed test, starting a 12-month warranty and naming the obligation it fulfils', () => {
      spec.given(passed).when(issuePac()).then([pacIssued]);
    });
    it('lists open severity-B punch items on the PAC', () => {
      spec
        .given([
          ...passed,
          punchItemRaised('pi-1', 'B', 'cable labels missing'),
          punchItemRaised('pi-2', 'A', 'alarm on BTS 17'),
          punchItemCleared('pi-2', 'A'),
        ])
        .when(issuePac())
        .thenEvents(([event]) =>
          expect(event).toMatchObject({
            data: {
              openPunchItems: [
                { itemId: 'pi-1', severity: 'B', description: 'cable labels missing' },
              ],
            },
          }),
        );
    });
    it('refuses a PAC while a severity-A punch item is open', () => {
      const error = spec
        .given([...passed, punchItemRaised('pi-2', 'A', 'alarm on BTS 17')])
        .when(issuePac())
        .thenFails('open-severity-a-punch-items');
      expect(error.details).toEqual({
        openPunchItems: [{ itemId: 'pi-2', severity: 'A', description: 'alarm on BTS 17' }],
      });
    });
    it('refuses a PAC without a passed test', () => {
      spec.given([opened]).when(issuePac()).thenFails('acceptance-test-not-passed');
      spec
        .given([opened, testScheduled(), testResult('failed')])
        .when(issuePac())
        .thenFails('acceptance-test-not-passed');
    });
    it('accepts a PAC after a failed test was followed by a passed re-test', () => {
      spec
        .given([
          opened,
          testScheduled(),
          testResult('failed'),
          testScheduled('t2', '2026-03-15'),
          testResult('passed', 't2'),
        ])
        .when(issuePac())
        .thenEvents(([event]) =>
          expect(event?.type).toBe('ProvisionalAcceptanceCertificateIssued'),
        );
    });
    it('refuses a second PAC', () => {
      spec
        .given([...passed, pacIssued])
        .when(issuePac())
        .thenFails('provisional-acceptance-already-issued');
    });
    it('refuses a PAC dated after today', () => {
      spec.given(passed).when(issuePac('2026-03-21')).thenFails('date-in-future');
    });
    it('clamps the warranty end to the end of a shorter month', () => {
      spec
        .given(passed)
        .when({ ...issuePac('2026-02-28'), meta: metaAs() })
        .thenEvents(([event]) =>
          expect(event).toMatchObject({
            data: { warrantyStartsOn: '2026-02-28', warrantyEndsOn: '2027-02-28' },
          }),
        );
    });
    it('does not claim to fulfil an obligation that the FAC fulfils', () => {
      spec
        .given([openedLinkedTo('fac'), testScheduled(), testResult('passed')])
        .when(issuePac())
        .thenEvents(([event]) =>
          expect(event).toMatchObject({
            data: { obligationId: 'ob-pac-3', fulfilsObligation: false },
          }),
        );
    });
    it('refuses an actor whose roles may not issue certificates', () => {
      spec
        .given(passed)
        .when({ ...issuePac(), meta: metaAs(['care']) })
        .thenFails('role-not-permitted-for-acceptance-decision');
    });
  });

  describe('RejectAcceptance', () => {
    it('records the customer rejecting provisional acceptance; a new passed test is then needed', () => {
      const rejected: AcceptanceEvent = {
        type: 'AcceptanceRejected',
        data: {
          acceptanceId: 'acc-3',
          projectId: 'prj-1',
          stage: 'provisional',
          reason: 'drive test KPIs below target',
          rejectedBy: 'carla',
          authority: 'project-manager',
        },
      };
      spec.given(passed).when(reject()).then([rejected]);
      spec
        .given([...passed, rejected])
        .when(issuePac())
        .thenFails('acceptance-test-not-passed');
    });
    it('records a rejection of final acceptance after the PAC', () => {
      spec
        .given([...passed, pacIssued])
        .when(reject())
        .thenEvents(([event]) => expect(event).toMatchObject({ data: { stage: 'final' } }));
    });
    it('refuses a rejection without a reason', () => {
      spec.given(passed).when(reject('')).thenFails('reason-required');
    });
    it('takes no rejection after the FAC', () => {
      spec
        .given([...passed, pacIssued, facIssued])
        .when(reject())
        .thenFails('acceptance-closed');
    });
  });

  describe('IssueFinalAcceptanceCertificate', () => {
    it('issues the FAC once the warranty has elapsed and every item is cleared', () => {
      spec
        .given([
          ...passed,
          punchItemRaised('pi-1', 'B', 'labels'),
          pacIssued,
          punchItemCleared('pi-1', 'B'),
        ])
        .when(issueFac())
        .then([facIssued]);
    });
    it('refuses a FAC before the PAC', () => {
      spec.given(passed).when(issueFac()).thenFails('provisional-acceptance-not-issued');
    });
    it('refuses a FAC before the warranty period has elapsed', () => {
      spec
        .given([...passed, pacIssued])
        .when(issueFac('2027-03-17'))
        .thenFails('warranty-period-not-elapsed');
    });
    it('refuses a FAC while any punch item, even minor, is open', () => {
      spec
        .given([...passed, punchItemRaised('pi-1', 'B', 'labels'), pacIssued])
        .when(issueFac())
        .thenFails('open-punch-items');
    });
    it('refuses to reuse the PAC certificate id', () => {
      spec
        .given([...passed, pacIssued])
        .when(issueFac('2027-03-18', 'PAC-3'))
        .thenFails('certificate-id-already-used');
    });
    it('refuses a second FAC', () => {
      spec
        .given([...passed, pacIssued, facIssued])
        .when(issueFac())
        .thenFails('acceptance-closed');
    });
  });
});
