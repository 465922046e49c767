import { deciderSpec, metaAt } from '@ledger/testing';
import type { Actor, CommandMeta } from '../shared';
import {
  handoverDecider,
  handoverReceivingRole,
  handoverSendingRoles,
  type ChecklistItem,
  type HandoverEvent,
  type HandoverKind,
} from './index';

const at = (actor: Actor) => metaAt(actor, '2026-02-10T09:00:00.000Z');
const sales = at({ sub: 'sam', roles: ['sales'] });
const admin = at({ sub: 'ada', roles: ['admin'] });
const cpm = at({ sub: 'carla', roles: ['project-manager'] });
const salesAndCpm = at({ sub: 'sam', roles: ['sales', 'project-manager'] });
const spec = deciderSpec(handoverDecider);
const ref = { handoverId: 'h1', projectId: 'prj1', kind: 'sell-to-execute' as const };

const items: ChecklistItem[] = [
  { id: 'contract', title: 'Signed contract and annexes', mandatory: true },
  { id: 'sow', title: 'Statement of work / bill of quantities', mandatory: true },
  { id: 'stakeholders', title: 'Stakeholder map', mandatory: false },
];
const initiate = (
  meta: CommandMeta = sales,
  data: Partial<{ kind: HandoverKind; items: ChecklistItem[]; projectId: string }> = {},
) => ({
  type: 'InitiateHandover' as const,
  data: { handoverId: 'h1', projectId: 'prj1', kind: ref.kind, items, ...data },
  meta,
});
const initiated: HandoverEvent = {
  type: 'HandoverInitiated',
  data: { ...ref, items, initiatedBy: 'sam', authority: 'sales', accountable: 'sam' },
};
const submitted: HandoverEvent = {
  type: 'HandoverItemSubmitted',
  data: {
    ...ref,
    itemId: 'contract',
    evidence: { ref: 'dms://c-42', note: null },
    submittedBy: 'sam',
  },
};
const accepted: HandoverEvent = {
  type: 'HandoverItemAccepted',
  data: {
    ...ref,
    itemId: 'contract',
    acceptedBy: 'carla',
    authority: 'project-manager',
    note: null,
  },
};
const rejected: HandoverEvent = {
  type: 'HandoverItemRejected',
  data: {
    ...ref,
    itemId: 'contract',
    reason: 'annex B unsigned',
    rejectedBy: 'carla',
    authority: 'project-manager',
  },
};

describe('Handover decider', () => {
  describe('receiving and sending roles', () => {
    it('has the CPM receive Sell→Execute from sales (or admin)', () => {
      expect(handoverReceivingRole('sell-to-execute')).toBe('project-manager');
      expect(handoverSendingRoles('sell-to-execute')).toEqual(['sales', 'admin']);
    });
    it('has the care lead receive Delivery→Care from the CPM', () => {
      expect(handoverReceivingRole('delivery-to-care')).toBe('care');
      expect(handoverSendingRoles('delivery-to-care')).toEqual(['project-manager']);
    });
  });

  describe('InitiateHandover', () => {
    it('initiates with a checklist; the sender is accountable', () => {
      spec.given([]).when(initiate()).then([initiated]);
    });
    it('lets admin initiate Sell→Execute on behalf of sales', () => {
      spec
        .given([])
        .when(initiate(admin))
        .thenEvents(([event]) =>
          expect(event?.data).toMatchObject({ authority: 'admin', accountable: 'ada' }),
        );
    });
    it('lets the CPM initiate Delivery→Care', () => {
      spec
        .given([])
        .when(initiate(cpm, { kind: 'delivery-to-care' }))
        .thenEvents(([event]) =>
          expect(event?.data).toMatchObject({
            kind: 'delivery-to-care',
            authority: 'project-manager',
            accountable: 'carla',
          }),
        );
    });
    it('refuses an initiator from outside the sending side', () => {
      spec.given([]).when(initiate(cpm)).thenFails('only-sending-side-may-initiate');
      spec
        .given([])
        .when(initiate(sales, { kind: 'delivery-to-care' }))
        .thenFails('only-sending-side-may-initiate');
    });
    it('refuses to initiate the same handover twice', () => {
      spec.given([initiated]).when(initiate()).thenFails('handover-already-exists');
    });
    it('knows only Sell→Execute and Delivery→Care', () => {
      spec
        .given([])
        .when(initiate(sales, { kind: 'execute-to-sell' as HandoverKind }))
        .thenFails('handover-kind-unknown');
    });
    it('needs a non-empty checklist', () => {
      spec
        .given([])
        .when(initiate(sales, { items: [] }))
        .thenFails('checklist-empty');
    });
    it('needs an id, a title and a mandatory flag on every item', () => {
      const error = spec
        .given([])
        .when(initiate(sales, { items: [items[0]!, { id: 'x', title: ' ', mandatory: true }] }))
        .thenFails('checklist-item-invalid');
      expect(error.details).toEqual({ index: 1 });
      spec
        .given([])
        .when(initiate(sales, { items: [{ id: 'x', title: 'X' } as ChecklistItem] }))
        .thenFails('checklist-item-invalid');
    });
    it('needs unique item ids', () => {
      const error = spec
        .given([])
        .when(
          initiate(sales, {
            items: [...items, { id: 'sow', title: 'BoQ again', mandatory: false }],
          }),
        )
        .thenFails('checklist-item-ids-not-unique');
      expect(error.details).toEqual({ duplicates: ['sow'] });
    });
    it('needs the project it hands over', () => {
      spec
        .given([])
        .when(initiate(sales, { projectId: '' }))
        .thenFails('field-required');
    });
  });

  describe('SubmitHandoverItem', () => {
    const submit = (
      itemId = 'contract',
      evidence: { ref: string; note?: string } = { ref: 'dms://c-42' },
    ) => ({
      type: 'SubmitHandoverItem' as const,
      data: { itemId, evidence },
      meta: sales,
    });
    it('records the evidence for an item', () => {
      spec.given([initiated]).when(submit()).then([submitted]);
    });
    it('keeps the note that comes with the evidence', () => {
      spec
        .given([initiated])
        .when(submit('sow', { ref: 'dms://boq-7', note: 'rev C' }))
        .thenEvents(([event]) =>
          expect(event?.data).toMatchObject({
            itemId: 'sow',
            evidence: { ref: 'dms://boq-7', note: 'rev C' },
          }),
        );
    });
    it('lets a rejected item be submitted again', () => {
      spec
        .given([initiated, submitted, rejected])
        .when(submit('contract', { ref: 'dms://c-43' }))
        .thenEvents(([event]) => expect(event?.type).toBe('HandoverItemSubmitted'));
    });
    it('refuses new evidence for an accepted item', () => {
      spec
        .given([initiated, submitted, accepted])
        .when(submit())
        .thenFails('item-already-accepted');
    });
    it('refuses an item that is not on the checklist', () => {
      spec.given([initiated]).when(submit('bribe')).thenFails('handover-item-not-found');
    });
    it('needs a reference to the evidence', () => {
      spec
        .given([initiated])
        .when(submit('contract', { ref: '' }))
        .thenFails('evidence-ref-required');
    });
    it('refuses evidence for a handover that does not exist', () => {
      spec.given([]).when(submit()).thenFails('handover-not-found');
    });
  });

  describe('AcceptHandoverItem', () => {
    const accept = (meta: CommandMeta = cpm, itemId = 'contract') => ({
      type: 'AcceptHandoverItem' as const,
      data: { itemId },
      meta,
    });
    it('lets the receiving side accept submitted evidence', () => {
      spec.given([initiated, submitted]).when(accept()).then([accepted]);
    });
    it("records the receiver's note on the acceptance", () => {
      spec
        .given([initiated, submitted])
        .when({ ...accept(), data: { itemId: 'contract', note: 'Annex C still to come' } })
        .then([
          {
            ...accepted,
            data: { ...accepted.data, note: 'Annex C still to come' },
          },
        ]);
    });
    it('refuses an item without evidence awaiting review', () => {
      spec.given([initiated]).when(accept()).thenFails('item-not-submitted');
      spec.given([initiated, submitted, rejected]).when(accept()).thenFails('item-not-submitted');
    });
    it('refuses to accept an item twice', () => {
      spec
        .given([initiated, submitted, accepted])
        .when(accept())
        .thenFails('item-already-accepted');
    });
    it('refuses the sending side and admin: only the receiving side accepts', () => {
      spec
        .given([initiated, submitted])
        .when(accept(sales))
        .thenFails('only-receiving-side-may-approve');
      const error = spec
        .given([initiated, submitted])
        .when(accept(admin))
        .thenFails('only-receiving-side-may-approve');
      expect(error.kind).toBe('not-permitted');
    });
    it('refuses the sender even when they also hold the receiving role', () => {
      spec
        .given([initiated, submitted])
        .when(accept(salesAndCpm))
        .thenFails('sender-cannot-approve-own-handover');
    });
  });

  describe('RejectHandoverItem', () => {
    const reject = (reason: string, meta: CommandMeta = cpm) => ({
      type: 'RejectHandoverItem' as const,
      data: { itemId: 'contract', reason },
      meta,
    });
    it('lets the receiving side reject evidence with a reason', () => {
      spec.given([initiated, submitted]).when(reject('annex B unsigned')).then([rejected]);
    });
    it('needs a reason', () => {
      spec.given([initiated, submitted]).when(reject(' ')).thenFails('reason-required');
    });
    it('refuses an item without evidence awaiting review', () => {
      spec.given([initiated]).when(reject('missing')).thenFails('item-not-submitted');
    });
    it('refuses to reject an accepted item', () => {
      spec
        .given([initiated, submitted, accepted])
        .when(reject('changed my mind'))
        .thenFails('item-already-accepted');
    });
    it('refuses the sending side', () => {
      spec
        .given([initiated, submitted])
        .when(reject('no', sales))
        .thenFails('only-receiving-side-may-approve');
    });
  });
});
