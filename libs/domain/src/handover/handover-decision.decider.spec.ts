import { deciderSpec } from '@ledger/testing';
import type { Actor, CommandMeta } from '../shared';
import {
  handoverDecider,
  type ChecklistItem,
  type HandoverEvent,
  type HandoverKind,
} from './index';

/** DOMAIN.md's typical Sell→Execute checklist (fixture only: real checklists come with the command). */
const sellToExecuteChecklist: ChecklistItem[] = [
  { id: 'contract', title: 'Signed contract and annexes', mandatory: true },
  { id: 'sow-boq', title: 'Statement of work / bill of quantities', mandatory: true },
  { id: 'price-margin', title: 'Price and margin model with its assumptions', mandatory: true },
  {
    id: 'non-standard-terms',
    title: 'Non-standard terms (LDs, caps, acceptance criteria, payment milestones)',
    mandatory: true,
  },
  { id: 'bid-risks', title: 'Bid risk register', mandatory: true },
  { id: 'solution-design', title: 'Solution design', mandatory: true },
  { id: 'stakeholder-map', title: 'Stakeholder map', mandatory: false },
  { id: 'key-milestones', title: 'Key milestones', mandatory: true },
  { id: 'subcontractors', title: 'Subcontractor commitments', mandatory: false },
  { id: 'hs-requirements', title: 'H&S requirements', mandatory: true },
  { id: 'sales-promises', title: 'Promises made in sales', mandatory: true },
];
/** DOMAIN.md's typical Delivery→Care checklist (fixture only). */
const deliveryToCareChecklist: ChecklistItem[] = [
  { id: 'as-built', title: 'As-built documentation', mandatory: true },
  { id: 'acceptance-status', title: 'Acceptance status and open punch items', mandatory: true },
  { id: 'warranty', title: 'Warranty start/end', mandatory: true },
  { id: 'sla', title: 'SLA definitions', mandatory: true },
  { id: 'escalation-matrix', title: 'Escalation matrix', mandatory: true },
  { id: 'spares', title: 'Spares', mandatory: false },
  { id: 'knowledge-transfer', title: 'Knowledge transfer', mandatory: true },
  { id: 'complaints-capa', title: 'Open complaints and corrective actions', mandatory: true },
  { id: 'residual-risks', title: 'Residual risks', mandatory: true },
];

const at = (actor: Actor, effectiveAt = '2026-02-10T09:00:00.000Z'): CommandMeta => ({
  actor,
  now: '2026-02-10T09:00:00.000Z',
  effectiveAt,
});
const sales = at({ sub: 'sam', roles: ['sales'] });
const admin = at({ sub: 'ada', roles: ['admin'] });
const cpm = at({ sub: 'carla', roles: ['project-manager'] });
const care = at({ sub: 'cora', roles: ['care'] });
const spec = deciderSpec(handoverDecider);

/** A handover with its checklist, and events that accept items as the receiving side. */
function handover(kind: HandoverKind) {
  const sellSide = kind === 'sell-to-execute';
  const items = sellSide ? sellToExecuteChecklist : deliveryToCareChecklist;
  const sender = sellSide ? 'sam' : 'carla';
  const receiver = sellSide ? 'carla' : 'cora';
  const authority = sellSide ? ('project-manager' as const) : ('care' as const);
  const ref = { handoverId: 'h1', projectId: 'prj1', kind };
  const initiated: HandoverEvent = {
    type: 'HandoverInitiated',
    data: {
      ...ref,
      items,
      initiatedBy: sender,
      authority: sellSide ? 'sales' : 'project-manager',
      accountable: sender,
    },
  };
  const accept = (ids: readonly string[]): HandoverEvent[] =>
    ids.flatMap((itemId): HandoverEvent[] => [
      {
        type: 'HandoverItemSubmitted',
        data: {
          ...ref,
          itemId,
          evidence: { ref: `dms://${itemId}`, note: null },
          submittedBy: sender,
        },
      },
      {
        type: 'HandoverItemAccepted',
        data: { ...ref, itemId, acceptedBy: receiver, authority, note: null },
      },
    ]);
  const mandatory = items.filter((item) => item.mandatory).map((item) => item.id);
  const optional = items.filter((item) => !item.mandatory).map((item) => item.id);
  return { ref, items, initiated, accept, mandatory, optional, sender, receiver, authority };
}

const sell = handover('sell-to-execute');
const toCare = handover('delivery-to-care');
const allMandatoryAccepted = [sell.initiated, ...sell.accept(sell.mandatory)];
const approve = (meta: CommandMeta) => ({ type: 'ApproveHandover' as const, data: {}, meta });

describe('Handover decider: the receiving side decides', () => {
  describe('ApproveHandover', () => {
    it('lets the CPM approve Sell→Execute once every mandatory item is accepted; accountability moves to the CPM', () => {
      spec
        .given(allMandatoryAccepted)
        .when(approve(cpm))
        .then([
          {
            type: 'HandoverApproved',
            data: {
              ...sell.ref,
              approvedBy: 'carla',
              authority: 'project-manager',
              summary: {
                totalItems: 11,
                itemsAccepted: sell.mandatory,
                optionalItemsNotAccepted: ['stakeholder-map', 'subcontractors'],
              },
              accountable: 'carla',
              previousAccountable: 'sam',
              note: null,
            },
          },
        ]);
    });
    it('records what the approver said on approving', () => {
      spec
        .given(allMandatoryAccepted)
        .when({ ...approve(cpm), data: { note: 'Margin model reviewed with finance' } })
        .thenEvents(([event]) =>
          expect(event?.data).toMatchObject({ note: 'Margin model reviewed with finance' }),
        );
    });
    it('lets the care lead approve Delivery→Care', () => {
      spec
        .given([toCare.initiated, ...toCare.accept([...toCare.mandatory, ...toCare.optional])])
        .when(approve(care))
        .thenEvents(([event]) =>
          expect(event?.data).toMatchObject({
            authority: 'care',
            accountable: 'cora',
            previousAccountable: 'carla',
            summary: { totalItems: 9, optionalItemsNotAccepted: [] },
          }),
        );
    });
    it('keeps the sender accountable until approval', () => {
      const state = allMandatoryAccepted.reduce(
        handoverDecider.evolve,
        handoverDecider.initialState,
      );
      expect(state).toMatchObject({ status: 'open', accountable: 'sam' });
      spec
        .given(allMandatoryAccepted)
        .when(approve(cpm))
        .thenEvents((events) => {
          const after = events.reduce(handoverDecider.evolve, state);
          expect(after).toMatchObject({ status: 'approved', accountable: 'carla' });
        });
    });
    it('refuses approval while a mandatory item is not accepted, listing them', () => {
      const error = spec
        .given([sell.initiated, ...sell.accept(sell.mandatory.slice(2))])
        .when(approve(cpm))
        .thenFails('mandatory-items-not-accepted');
      expect(error.details).toEqual({ itemIds: ['contract', 'sow-boq'] });
    });
    it('refuses admin: segregation is not overridden by administration', () => {
      const error = spec
        .given(allMandatoryAccepted)
        .when(approve(admin))
        .thenFails('only-receiving-side-may-approve');
      expect(error.kind).toBe('not-permitted');
    });
    it('refuses the sending side', () => {
      spec
        .given(allMandatoryAccepted)
        .when(approve(sales))
        .thenFails('only-receiving-side-may-approve');
    });
    it('refuses the CPM on Delivery→Care (the care lead receives it)', () => {
      spec
        .given([toCare.initiated, ...toCare.accept(toCare.mandatory)])
        .when(approve(cpm))
        .thenFails('only-receiving-side-may-approve');
    });
    it('refuses the initiator even when they also hold the receiving role', () => {
      spec
        .given(allMandatoryAccepted)
        .when(approve(at({ sub: 'sam', roles: ['sales', 'project-manager'] })))
        .thenFails('sender-cannot-approve-own-handover');
    });
    it('refuses a handover that does not exist', () => {
      spec.given([]).when(approve(cpm)).thenFails('handover-not-found');
    });
  });

  describe('ApproveHandoverConditionally', () => {
    const history = [
      sell.initiated,
      ...sell.accept(sell.mandatory.filter((id) => id !== 'bid-risks')),
    ];
    const condition = (itemId: string, dueOn = '2026-03-01', ownerId = 'sam') => ({
      itemId,
      ownerId,
      dueOn,
    });
    const everyOpenItem = [
      condition('subcontractors'),
      condition('bid-risks', '2026-02-20'),
      condition('stakeholder-map', '2026-02-28', 'carla'),
    ];
    const approveWith = (
      conditions: { itemId: string; ownerId: string; dueOn: string }[],
      meta = cpm,
    ) => ({
      type: 'ApproveHandoverConditionally' as const,
      data: { conditions },
      meta,
    });
    it('approves with an owner and a due date on every item not yet accepted, mandatory or not', () => {
      spec
        .given(history)
        .when(approveWith(everyOpenItem))
        .then([
          {
            type: 'HandoverConditionallyApproved',
            data: {
              ...sell.ref,
              approvedBy: 'carla',
              authority: 'project-manager',
              summary: {
                totalItems: 11,
                itemsAccepted: sell.mandatory.filter((id) => id !== 'bid-risks'),
                optionalItemsNotAccepted: ['stakeholder-map', 'subcontractors'],
              },
              conditions: [
                { itemId: 'bid-risks', mandatory: true, ownerId: 'sam', dueOn: '2026-02-20' },
                {
                  itemId: 'stakeholder-map',
                  mandatory: false,
                  ownerId: 'carla',
                  dueOn: '2026-02-28',
                },
                { itemId: 'subcontractors', mandatory: false, ownerId: 'sam', dueOn: '2026-03-01' },
              ],
              accountable: 'carla',
              previousAccountable: 'sam',
            },
          },
        ]);
    });
    it('refuses when an open item (even an optional one) has no condition', () => {
      const error = spec
        .given(history)
        .when(approveWith([condition('bid-risks'), condition('stakeholder-map')]))
        .thenFails('open-items-need-owner-and-due-date');
      expect(error.details).toEqual({ itemIds: ['subcontractors'] });
    });
    it('refuses a condition without an owner or without a due date', () => {
      spec
        .given(history)
        .when(
          approveWith([...everyOpenItem.slice(1), condition('subcontractors', '2026-03-01', '')]),
        )
        .thenFails('open-items-need-owner-and-due-date');
      spec
        .given(history)
        .when(approveWith([...everyOpenItem.slice(1), condition('subcontractors', 'next month')]))
        .thenFails('open-items-need-owner-and-due-date');
    });
    it('refuses a condition due before the approval', () => {
      spec
        .given(history)
        .when(approveWith([...everyOpenItem.slice(1), condition('subcontractors', '2026-02-09')]))
        .thenFails('condition-due-date-in-past');
    });
    it('refuses a condition on an accepted item', () => {
      spec
        .given(history)
        .when(approveWith([...everyOpenItem, condition('contract')]))
        .thenFails('condition-on-accepted-item');
    });
    it('refuses two conditions on the same item', () => {
      spec
        .given(history)
        .when(approveWith([...everyOpenItem, condition('bid-risks')]))
        .thenFails('condition-duplicated');
    });
    it('refuses a condition on an item that is not on the checklist', () => {
      spec
        .given(history)
        .when(approveWith([...everyOpenItem, condition('golf-day')]))
        .thenFails('handover-item-not-found');
    });
    it('refuses conditions when every item is accepted (approve it plainly)', () => {
      spec
        .given([sell.initiated, ...sell.accept([...sell.mandatory, ...sell.optional])])
        .when(approveWith([]))
        .thenFails('conditional-approval-needs-open-items');
    });
    it('refuses anyone but the receiving side', () => {
      spec
        .given(history)
        .when(approveWith(everyOpenItem, admin))
        .thenFails('only-receiving-side-may-approve');
    });
  });

  describe('RejectHandover', () => {
    const reject = (reason: string, meta = cpm) => ({
      type: 'RejectHandover' as const,
      data: { reason },
      meta,
    });
    it('lets the receiving side reject the handover with a reason', () => {
      spec
        .given([sell.initiated])
        .when(reject('margin model missing; resubmit'))
        .then([
          {
            type: 'HandoverRejected',
            data: {
              ...sell.ref,
              reason: 'margin model missing; resubmit',
              rejectedBy: 'carla',
              authority: 'project-manager',
            },
          },
        ]);
    });
    it('needs a reason', () => {
      spec.given([sell.initiated]).when(reject('')).thenFails('reason-required');
    });
    it('refuses the sending side', () => {
      spec
        .given([sell.initiated])
        .when(reject('never mind', sales))
        .thenFails('only-receiving-side-may-approve');
    });
  });

  describe('a decided handover is final', () => {
    const approved: HandoverEvent = {
      type: 'HandoverApproved',
      data: {
        ...sell.ref,
        approvedBy: 'carla',
        authority: 'project-manager',
        summary: {
          totalItems: 11,
          itemsAccepted: sell.mandatory,
          optionalItemsNotAccepted: sell.optional,
        },
        accountable: 'carla',
        previousAccountable: 'sam',
        note: null,
      },
    };
    const rejectedHandover: HandoverEvent = {
      type: 'HandoverRejected',
      data: {
        ...sell.ref,
        reason: 'incomplete',
        rejectedBy: 'carla',
        authority: 'project-manager',
      },
    };
    it('takes no more approvals, rejections or evidence after approval', () => {
      const decided = [...allMandatoryAccepted, approved];
      spec.given(decided).when(approve(cpm)).thenFails('handover-final');
      spec
        .given(decided)
        .when({ type: 'RejectHandover', data: { reason: 'late' }, meta: cpm })
        .thenFails('handover-final');
      spec
        .given(decided)
        .when({
          type: 'SubmitHandoverItem',
          data: { itemId: 'subcontractors', evidence: { ref: 'x' } },
          meta: sales,
        })
        .thenFails('handover-final');
    });
    it('takes nothing after a rejection: another attempt is a new handover', () => {
      spec.given([sell.initiated, rejectedHandover]).when(approve(cpm)).thenFails('handover-final');
      spec
        .given([sell.initiated, rejectedHandover])
        .when({ type: 'AcceptHandoverItem', data: { itemId: 'contract' }, meta: cpm })
        .thenFails('handover-final');
    });
    it('takes nothing after a conditional approval', () => {
      const conditional: HandoverEvent = {
        type: 'HandoverConditionallyApproved',
        data: {
          ...sell.ref,
          approvedBy: 'carla',
          authority: 'project-manager',
          summary: { totalItems: 11, itemsAccepted: [], optionalItemsNotAccepted: sell.optional },
          conditions: [],
          accountable: 'carla',
          previousAccountable: 'sam',
        },
      };
      spec.given([sell.initiated, conditional]).when(approve(cpm)).thenFails('handover-final');
    });
  });
});
