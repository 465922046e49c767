import { deciderSpec } from '@ledger/testing';
import type { CssqImpact } from './baseline';
import { projectDecider, type ProjectCommand, type ProjectEvent } from './index';
import {
  approvedCr,
  baselineEstablished,
  baselineRevised,
  created,
  crAssessed,
  crDecided,
  crRaised,
  engineer,
  noImpact,
  originalBaseline,
  pm,
  pmo,
  projectId,
} from './project.spec-fixtures';

const spec = deciderSpec(projectDecider);
const baselined = [created, baselineEstablished];

const raise = (
  data: Partial<Extract<ProjectCommand, { type: 'RaiseChangeRequest' }>['data']> = {},
  meta = pm,
): ProjectCommand => ({
  type: 'RaiseChangeRequest',
  data: {
    changeRequestId: 'cr1',
    title: 'Add two sites',
    origin: 'customer',
    categories: ['scope', 'cost'],
    justification: 'Customer asks for coverage of the new depot',
    ...data,
  },
  meta,
});
const assess = (
  impact: Partial<CssqImpact> = {},
  extra: { contractual?: boolean; changeRequestId?: string } = {},
): ProjectCommand => ({
  type: 'AssessChangeRequestImpact',
  data: {
    changeRequestId: extra.changeRequestId ?? 'cr1',
    ...noImpact,
    ...impact,
    ...(extra.contractual === undefined ? {} : { contractual: extra.contractual }),
  },
  meta: pm,
});
const decide = (
  outcome: 'approved' | 'rejected' | 'deferred',
  meta = pmo,
  changeRequestId = 'cr1',
): ProjectCommand => ({
  type: 'DecideChangeRequest',
  data: { changeRequestId, outcome, reason: 'ok' },
  meta,
});
const crCommand = (
  type: 'ImplementChangeRequest' | 'CloseChangeRequest',
  meta = pm,
): ProjectCommand => ({ type, data: { changeRequestId: 'cr1' }, meta });
const implemented: ProjectEvent = {
  type: 'ChangeRequestImplemented',
  data: { projectId, changeRequestId: 'cr1', implementedBy: 'carla' },
};

const fullImpact: CssqImpact = {
  cost: { impact: 'change', budgetDelta: { amount: 12_500_000, currency: 'EUR' } },
  schedule: { impact: 'change', milestoneShifts: [{ milestoneId: 'm2', days: 21 }] },
  scope: { impact: 'change', add: [{ id: 's3', title: 'Depot sites' }], remove: ['s2'] },
  quality: {
    impact: 'change',
    criteria: [
      { id: 'q1', criterion: 'Link availability', target: '99.99 %' },
      { id: 'q2', criterion: 'Latency', target: '< 5 ms' },
    ],
  },
};

describe('Project decider: change requests', () => {
  describe('RaiseChangeRequest', () => {
    it('raises a change request, the caller being the requester', () => {
      spec.given(baselined).when(raise()).then([crRaised()]);
    });
    it('records nothing when the same change request is raised again', () => {
      spec
        .given([...baselined, crRaised()])
        .when(raise())
        .then([]);
    });
    it('refuses the same id with other details', () => {
      spec
        .given([...baselined, crRaised()])
        .when(raise({ title: 'Other' }))
        .thenFails('change-request-already-exists');
    });
    it('refuses a change request without category', () => {
      spec
        .given(baselined)
        .when(raise({ categories: [] }))
        .thenFails('change-request-category-required');
    });
    it('refuses a category listed twice', () => {
      spec
        .given(baselined)
        .when(raise({ categories: ['cost', 'cost'] }))
        .thenFails('duplicate-entries');
    });
    it('refuses before the baseline is established (change control applies to a baseline)', () => {
      spec.given([created]).when(raise()).thenFails('baseline-not-established');
    });
    it('revisits a decided change request with a new one that supersedes it', () => {
      spec
        .given([...baselined, crRaised(), crAssessed(), crDecided('cr1', 'rejected')])
        .when(raise({ changeRequestId: 'cr2', supersedes: 'cr1' }))
        .thenEvents(([event]) => {
          expect(event).toEqual({
            type: 'ChangeRequestRaised',
            data: expect.objectContaining({ changeRequestId: 'cr2', supersedes: 'cr1' }),
          });
        });
    });
    it('refuses to supersede a change request that does not exist', () => {
      spec
        .given(baselined)
        .when(raise({ changeRequestId: 'cr2', supersedes: 'cr9' }))
        .thenFails('superseded-change-request-not-found');
    });
    it('refuses to supersede a change request that is not decided', () => {
      spec
        .given([...baselined, crRaised()])
        .when(raise({ changeRequestId: 'cr2', supersedes: 'cr1' }))
        .thenFails('superseded-change-request-not-decided');
    });
  });

  describe('AssessChangeRequestImpact', () => {
    const raised = [...baselined, crRaised()];
    it('records every CSSQ dimension, whether it is contractual and the baseline version assessed against', () => {
      spec
        .given(raised)
        .when(assess(fullImpact, { contractual: true }))
        .then([crAssessed('cr1', fullImpact, { contractual: true })]);
    });
    it('takes a change request in the contract category as contractual unless told otherwise', () => {
      spec
        .given([...baselined, crRaised('cr1', ['contract'])])
        .when(assess())
        .then([crAssessed('cr1', {}, { contractual: true })]);
    });
    it('records nothing when the same assessment is sent again', () => {
      spec
        .given([...raised, crAssessed('cr1', fullImpact)])
        .when(assess(fullImpact))
        .then([]);
    });
    it('may be reassessed until decided', () => {
      spec
        .given([...raised, crAssessed('cr1', fullImpact)])
        .when(assess())
        .then([crAssessed()]);
    });
    it('refuses an assessment that leaves a CSSQ dimension out', () => {
      const { quality: _quality, ...threeDimensions } = noImpact;
      const error = spec
        .given(raised)
        .when({
          type: 'AssessChangeRequestImpact',
          data: { changeRequestId: 'cr1', ...threeDimensions } as never,
          meta: pm,
        })
        .thenFails('impact-assessment-incomplete');
      expect(error.details).toEqual({ missing: ['quality'] });
    });
    it('refuses a schedule shift of a milestone not in the current baseline', () => {
      spec
        .given(raised)
        .when(
          assess({
            schedule: { impact: 'change', milestoneShifts: [{ milestoneId: 'm9', days: 3 }] },
          }),
        )
        .thenFails('unknown-milestone');
    });
    it('refuses a shift that is not a whole, non-zero number of days', () => {
      spec
        .given(raised)
        .when(
          assess({
            schedule: { impact: 'change', milestoneShifts: [{ milestoneId: 'm1', days: 0 }] },
          }),
        )
        .thenFails('invalid-shift-days');
    });
    it('refuses to remove a scope item that does not exist', () => {
      spec
        .given(raised)
        .when(assess({ scope: { impact: 'change', add: [], remove: ['s9'] } }))
        .thenFails('unknown-scope-item');
    });
    it('refuses to add a scope item that already exists', () => {
      spec
        .given(raised)
        .when(assess({ scope: { impact: 'change', add: [{ id: 's1', title: 'x' }], remove: [] } }))
        .thenFails('scope-item-already-exists');
    });
    it('refuses a "change" that changes nothing', () => {
      spec
        .given(raised)
        .when(assess({ quality: { impact: 'change', criteria: [] } }))
        .thenFails('impact-change-empty');
      spec
        .given(raised)
        .when(assess({ cost: { impact: 'change', budgetDelta: { amount: 0, currency: 'EUR' } } }))
        .thenFails('impact-change-empty');
    });
    it('refuses a budget delta in another currency', () => {
      spec
        .given(raised)
        .when(assess({ cost: { impact: 'change', budgetDelta: { amount: 5, currency: 'USD' } } }))
        .thenFails('currency-mismatch');
    });
    it('refuses a budget delta that would make the budget negative', () => {
      spec
        .given(raised)
        .when(
          assess({
            cost: { impact: 'change', budgetDelta: { amount: -100_000_001, currency: 'EUR' } },
          }),
        )
        .thenFails('budget-would-become-negative');
    });
    it('refuses a budget delta that would take the budget beyond 10^13 minor units', () => {
      const error = spec
        .given(raised)
        .when(
          assess({
            cost: { impact: 'change', budgetDelta: { amount: 10 ** 13, currency: 'EUR' } },
          }),
        )
        .thenFails('invalid-money-amount');
      expect(error.details).toMatchObject({ field: 'budget after the change' });
    });
    it('refuses a change request that does not exist', () => {
      spec.given(baselined).when(assess()).thenFails('change-request-not-found');
    });
    it('refuses once the change request is decided', () => {
      spec
        .given([...raised, crAssessed(), crDecided('cr1', 'rejected')])
        .when(assess())
        .thenFails('change-request-already-decided');
    });
  });

  describe('DecideChangeRequest', () => {
    const decided = (outcome: 'approved' | 'rejected' | 'deferred'): ProjectEvent => ({
      type: 'ChangeRequestDecided',
      data: {
        projectId,
        changeRequestId: 'cr1',
        outcome,
        reason: 'ok',
        decidedBy: 'paula',
        authority: 'pmo',
      },
    });
    it('on approval emits, in one append, the decision, each CSSQ fact it causes and the revised baseline', () => {
      spec
        .given([...baselined, crRaised(), crAssessed('cr1', fullImpact)])
        .when(decide('approved'))
        .then([
          decided('approved'),
          {
            type: 'ScopeChanged',
            data: {
              projectId,
              changeRequestId: 'cr1',
              added: [{ id: 's3', title: 'Depot sites' }],
              removed: [{ id: 's2', title: 'Access sites' }],
            },
          },
          {
            type: 'ScheduleChanged',
            data: {
              projectId,
              changeRequestId: 'cr1',
              milestoneShifts: [
                { milestoneId: 'm2', days: 21, from: '2026-12-15', to: '2027-01-05' },
              ],
            },
          },
          {
            type: 'BudgetChanged',
            data: {
              projectId,
              changeRequestId: 'cr1',
              delta: { amount: 12_500_000, currency: 'EUR' },
              previousBudget: { amount: 100_000_000, currency: 'EUR' },
              newBudget: { amount: 112_500_000, currency: 'EUR' },
            },
          },
          {
            type: 'QualityCriteriaChanged',
            data: {
              projectId,
              changeRequestId: 'cr1',
              criteria: fullImpact.quality.impact === 'change' ? fullImpact.quality.criteria : [],
            },
          },
          baselineRevised('cr1', 2, {
            budget: { amount: 112_500_000, currency: 'EUR' },
            scope: [
              { id: 's1', title: 'Core sites' },
              { id: 's3', title: 'Depot sites' },
            ],
            milestones: [
              originalBaseline.milestones[0]!,
              { id: 'm2', title: 'Access ready', dueOn: '2027-01-05', obligationId: null },
            ],
            quality: [
              { id: 'q1', criterion: 'Link availability', target: '99.99 %' },
              { id: 'q2', criterion: 'Latency', target: '< 5 ms' },
            ],
          }),
        ]);
    });
    it('emits plain JSON-safe events (no undefined members, no class instances)', () => {
      spec
        .given([...baselined, crRaised(), crAssessed('cr1', fullImpact)])
        .when(decide('approved'))
        .thenEvents((events) => expect(JSON.parse(JSON.stringify(events))).toStrictEqual(events));
    });
    it('emits only the facts of the dimensions that change, and always the revised baseline', () => {
      const costOnly: Partial<CssqImpact> = {
        cost: { impact: 'change', budgetDelta: { amount: -5_000_000, currency: 'EUR' } },
      };
      spec
        .given([...baselined, crRaised(), crAssessed('cr1', costOnly)])
        .when(decide('approved'))
        .thenEvents((events) =>
          expect(events.map((e) => e.type)).toEqual([
            'ChangeRequestDecided',
            'BudgetChanged',
            'BaselineRevised',
          ]),
        );
      spec
        .given([...baselined, crRaised(), crAssessed()])
        .when(decide('approved'))
        .then([decided('approved'), baselineRevised()]);
    });
    it('revises from the current baseline: a second approval shifts the already shifted dates (v3)', () => {
      const shift = (days: number): Partial<CssqImpact> => ({
        schedule: { impact: 'change', milestoneShifts: [{ milestoneId: 'm1', days }] },
      });
      const shiftedOnce = {
        ...originalBaseline,
        milestones: [
          { ...originalBaseline.milestones[0]!, dueOn: '2026-07-10' },
          originalBaseline.milestones[1]!,
        ],
      };
      spec
        .given([
          ...baselined,
          crRaised(),
          crAssessed('cr1', shift(10)),
          crDecided(),
          baselineRevised('cr1', 2, shiftedOnce),
          crRaised('cr2'),
          crAssessed('cr2', shift(-40), { baselineVersion: 2 }),
        ])
        .when(decide('approved', pmo, 'cr2'))
        .thenEvents((events) => {
          expect(events[1]).toEqual({
            type: 'ScheduleChanged',
            data: {
              projectId,
              changeRequestId: 'cr2',
              milestoneShifts: [
                { milestoneId: 'm1', days: -40, from: '2026-07-10', to: '2026-05-31' },
              ],
            },
          });
          expect(events[2]).toEqual(
            expect.objectContaining({
              type: 'BaselineRevised',
              data: expect.objectContaining({ version: 3 }),
            }),
          );
        });
    });
    it.each(['rejected', 'deferred'] as const)('records a %s decision alone', (outcome) => {
      spec
        .given([...baselined, crRaised(), crAssessed('cr1', fullImpact)])
        .when(decide(outcome))
        .then([decided(outcome)]);
    });
    it('refuses a decision before every CSSQ dimension is assessed', () => {
      spec
        .given([...baselined, crRaised()])
        .when(decide('approved'))
        .thenFails('impact-assessment-required');
    });
    it('refuses the requester deciding their own change request (segregation of duties)', () => {
      const error = spec
        .given([...baselined, crRaised(), crAssessed()])
        .when(decide('approved', pm))
        .thenFails('requester-cannot-decide');
      expect(error.kind).toBe('not-permitted');
    });
    it('refuses a caller without project decision authority', () => {
      spec
        .given([...baselined, crRaised(), crAssessed()])
        .when(decide('approved', engineer))
        .thenFails('decision-authority-required');
    });
    it.each(['approved', 'rejected', 'deferred'] as const)(
      'treats a %s decision as final, deferral included',
      (first) => {
        spec
          .given([...baselined, crRaised(), crAssessed(), crDecided('cr1', first)])
          .when(decide('approved'))
          .thenFails('change-request-already-decided');
      },
    );
    it('refuses to approve on an assessment made against an older baseline version', () => {
      spec
        .given([...baselined, ...approvedCr('cr0'), crRaised(), crAssessed()])
        .when(decide('approved'))
        .thenFails('impact-assessment-stale');
    });
    it('refuses a change request that was withdrawn', () => {
      const withdrawn: ProjectEvent = {
        type: 'ChangeRequestWithdrawn',
        data: { projectId, changeRequestId: 'cr1', reason: 'r', withdrawnBy: 'carla' },
      };
      spec
        .given([...baselined, crRaised(), crAssessed(), withdrawn])
        .when(decide('approved'))
        .thenFails('change-request-withdrawn');
    });
  });

  describe('RecordCustomerApproval', () => {
    const approve = (customerSignatureRef = 'sig-42'): ProjectCommand => ({
      type: 'RecordCustomerApproval',
      data: { changeRequestId: 'cr1', customerSignatureRef },
      meta: pm,
    });
    const recorded: ProjectEvent = {
      type: 'CustomerApprovalRecorded',
      data: {
        projectId,
        changeRequestId: 'cr1',
        customerSignatureRef: 'sig-42',
        recordedBy: 'carla',
      },
    };
    it('records the customer signature of an approved contractual change request', () => {
      spec
        .given([...baselined, ...approvedCr('cr1', true)])
        .when(approve())
        .then([recorded]);
    });
    it('records nothing when the same signature is sent again', () => {
      spec
        .given([...baselined, ...approvedCr('cr1', true), recorded])
        .when(approve())
        .then([]);
    });
    it('refuses another signature once one is recorded', () => {
      spec
        .given([...baselined, ...approvedCr('cr1', true), recorded])
        .when(approve('sig-43'))
        .thenFails('customer-approval-already-recorded');
    });
    it('refuses before the change request is approved', () => {
      spec
        .given([
          ...baselined,
          crRaised('cr1', ['contract']),
          crAssessed('cr1', {}, { contractual: true }),
        ])
        .when(approve())
        .thenFails('change-request-not-approved');
    });
    it('refuses for a change request without contractual impact', () => {
      spec
        .given([...baselined, ...approvedCr('cr1', false)])
        .when(approve())
        .thenFails('change-request-not-contractual');
    });
  });

  describe('ImplementChangeRequest', () => {
    it('implements an approved change request', () => {
      spec
        .given([...baselined, ...approvedCr()])
        .when(crCommand('ImplementChangeRequest'))
        .then([implemented]);
    });
    it('refuses to implement a contractual change request before customer approval', () => {
      spec
        .given([...baselined, ...approvedCr('cr1', true)])
        .when(crCommand('ImplementChangeRequest'))
        .thenFails('customer-approval-required');
    });
    it('implements a contractual change request once the customer signed', () => {
      const signed: ProjectEvent = {
        type: 'CustomerApprovalRecorded',
        data: { projectId, changeRequestId: 'cr1', customerSignatureRef: 's', recordedBy: 'carla' },
      };
      spec
        .given([...baselined, ...approvedCr('cr1', true), signed])
        .when(crCommand('ImplementChangeRequest'))
        .then([implemented]);
    });
    it('refuses a change request that is not approved', () => {
      spec
        .given([...baselined, crRaised(), crAssessed(), crDecided('cr1', 'rejected')])
        .when(crCommand('ImplementChangeRequest'))
        .thenFails('change-request-not-approved');
    });
    it('refuses to implement twice', () => {
      spec
        .given([...baselined, ...approvedCr(), implemented])
        .when(crCommand('ImplementChangeRequest'))
        .thenFails('change-request-already-implemented');
    });
  });

  describe('CloseChangeRequest', () => {
    const closed: ProjectEvent = {
      type: 'ChangeRequestClosed',
      data: { projectId, changeRequestId: 'cr1', closedBy: 'carla' },
    };
    it('closes an implemented change request', () => {
      spec
        .given([...baselined, ...approvedCr(), implemented])
        .when(crCommand('CloseChangeRequest'))
        .then([closed]);
    });
    it.each(['rejected', 'deferred'] as const)('closes a %s change request', (outcome) => {
      spec
        .given([...baselined, crRaised(), crAssessed(), crDecided('cr1', outcome)])
        .when(crCommand('CloseChangeRequest'))
        .then([closed]);
    });
    it('refuses to close an approved change request that is not implemented, or an undecided one', () => {
      spec
        .given([...baselined, ...approvedCr()])
        .when(crCommand('CloseChangeRequest'))
        .thenFails('change-request-not-closable');
      spec
        .given([...baselined, crRaised()])
        .when(crCommand('CloseChangeRequest'))
        .thenFails('change-request-not-closable');
    });
    it('refuses to close twice', () => {
      spec
        .given([...baselined, ...approvedCr(), implemented, closed])
        .when(crCommand('CloseChangeRequest'))
        .thenFails('change-request-already-closed');
    });
  });

  describe('WithdrawChangeRequest', () => {
    const withdraw = (meta = pm): ProjectCommand => ({
      type: 'WithdrawChangeRequest',
      data: { changeRequestId: 'cr1', reason: 'no longer needed' },
      meta,
    });
    const withdrawn = (by: string): ProjectEvent => ({
      type: 'ChangeRequestWithdrawn',
      data: { projectId, changeRequestId: 'cr1', reason: 'no longer needed', withdrawnBy: by },
    });
    it('lets the requester withdraw an undecided change request', () => {
      spec
        .given([...baselined, crRaised('cr1', ['scope'], 'tom')])
        .when(withdraw(engineer))
        .then([withdrawn('tom')]);
    });
    it('lets a project manager, PMO or admin withdraw someone else’s change request', () => {
      spec
        .given([...baselined, crRaised('cr1', ['scope'], 'tom'), crAssessed()])
        .when(withdraw(pmo))
        .then([withdrawn('paula')]);
    });
    it('refuses anyone else', () => {
      spec
        .given([...baselined, crRaised()])
        .when(withdraw(engineer))
        .thenFails('change-request-withdrawal-not-permitted');
    });
    it('refuses once decided', () => {
      spec
        .given([...baselined, ...approvedCr()])
        .when(withdraw())
        .thenFails('change-request-already-decided');
    });
    it('refuses to withdraw twice', () => {
      spec
        .given([...baselined, crRaised(), withdrawn('carla')])
        .when(withdraw())
        .thenFails('change-request-withdrawn');
    });
  });
});
