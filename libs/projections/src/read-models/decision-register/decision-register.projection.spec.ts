import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { projectionSpec } from '@ledger/testing';
import type { DecisionEntry } from './decision-register.entry';
import {
  decisionRegisterProjection as projection,
  type DecisionRegisterFile,
} from './decision-register.projection';

const day = (position: number) => `2026-05-${String(position).padStart(2, '0')}`;

function event(
  type: string,
  data: JsonObject,
  position: number,
  actor: { sub: string; roles: string[] },
  streamId = 'project-p1',
): RecordedEvent {
  return {
    id: `event-${position}`,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      effectiveAt: `${day(position)}T08:00:00.000Z`,
      actor,
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
    },
    streamId,
    revision: position - 1,
    position,
    recordedAt: `${day(position)}T08:00:01.000Z`,
    prevHash: '',
    hash: '',
  };
}

const rita = { sub: 'rita', roles: ['project-manager'] };
const dan = { sub: 'dan', roles: ['pmo'] };
const sam = { sub: 'sam', roles: ['sales'] };
const carla = { sub: 'carla', roles: ['project-manager'] };
const pat = { sub: 'pat', roles: ['pmo'] };

const projectCreated = event(
  'ProjectCreated',
  { projectId: 'p1', programId: 'g1', contractId: 'k1', name: 'Metro', createdBy: 'dan' },
  1,
  dan,
);
const raised = event(
  'ChangeRequestRaised',
  {
    projectId: 'p1',
    changeRequestId: 'cr1',
    title: 'More sites',
    origin: 'customer',
    categories: ['scope'],
    justification: 'Customer asks',
    requestedBy: 'rita',
    supersedes: null,
  },
  2,
  rita,
);
const decided = event(
  'ChangeRequestDecided',
  {
    projectId: 'p1',
    changeRequestId: 'cr1',
    outcome: 'approved',
    reason: 'Within budget',
    decidedBy: 'dan',
    authority: 'pmo',
  },
  3,
  dan,
);
const signedByRequester = event(
  'CustomerApprovalRecorded',
  { projectId: 'p1', changeRequestId: 'cr1', customerSignatureRef: 'sig-7', recordedBy: 'rita' },
  4,
  rita,
);
const amended = event(
  'ContractAmended',
  {
    contractId: 'k1',
    amendmentId: 'a1',
    summary: 'Ten more sites',
    changeRequestId: 'cr1',
    projectId: 'p1',
    customerSignatureRef: 'sig-7',
    value: null,
    obligationDueChanges: [],
    amendedBy: 'dan',
    authority: 'pmo',
  },
  5,
  dan,
  'contract-k1',
);
const file = (decisions: DecisionEntry[], requests: DecisionRegisterFile['requests'] = []) => ({
  _id: 'project:p1',
  scope: 'project' as const,
  programId: 'g1',
  projectId: 'p1',
  contractId: 'k1',
  requests,
  decisions,
});
const crRequest = { subject: { type: 'change-request' as const, id: 'cr1' }, requestedBy: 'rita' };

/** The fields every entry of the project file shares, for the event at `position`. */
const entryAt = (position: number, actor: { sub: string; roles: string[] }) => ({
  decisionId: `event-${position}`,
  programId: 'g1',
  projectId: 'p1',
  contractId: 'k1',
  decidedBy: actor.sub,
  roles: actor.roles,
  recordedAt: `${day(position)}T08:00:01.000Z`,
  effectiveAt: `${day(position)}T08:00:00.000Z`,
  logPosition: position,
});
const crDecision: DecisionEntry = {
  ...entryAt(3, dan),
  kind: 'change-request-decision',
  outcome: 'approved',
  stage: null,
  subject: { type: 'change-request', id: 'cr1' },
  authority: 'pmo',
  changeRequestId: 'cr1',
  customerSignatureRef: null,
  certificateId: null,
  reason: 'Within budget',
  eventType: 'ChangeRequestDecided',
  segregation: { requestedBy: 'rita', decidedBy: 'dan', distinct: true },
};
const customerApproval: DecisionEntry = {
  ...entryAt(4, rita),
  kind: 'customer-approval',
  outcome: 'signed',
  stage: null,
  subject: { type: 'change-request', id: 'cr1' },
  authority: null,
  changeRequestId: 'cr1',
  customerSignatureRef: 'sig-7',
  certificateId: null,
  reason: null,
  eventType: 'CustomerApprovalRecorded',
  segregation: { requestedBy: 'rita', decidedBy: 'rita', distinct: false },
};

describe('decisionRegisterProjection', () => {
  it('uses a store-valid collection name', () => {
    expect(projection.collection).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('opens a project file, in its program, with no decisions', () => {
    projectionSpec(projection)
      .given()
      .when(projectCreated)
      .then({ ...file([]), position: 1 });
  });

  it('records who asked for a change request, and no decision yet', () => {
    projectionSpec(projection)
      .given([projectCreated])
      .when(raised)
      .then({ ...file([], [crRequest]), position: 2 });
  });

  it('records a change-request decision with its role, authority, reason and distinct requester', () => {
    projectionSpec(projection)
      .given([projectCreated, raised])
      .when(decided)
      .then({ ...file([crDecision], [crRequest]), position: 3 });
  });

  it('flags the requester recording the customer signature of their own change request', () => {
    // The domain refuses the requester deciding their own change request, but not recording the
    // customer's signature on it: that is the exception the register must show.
    projectionSpec(projection)
      .given([projectCreated, raised, decided])
      .when(signedByRequester)
      .then({ ...file([crDecision, customerApproval], [crRequest]), position: 4 });
  });

  it('files a contract amendment under its project, with the change request and signature it rests on', () => {
    projectionSpec(projection)
      .given([projectCreated, raised, decided, signedByRequester])
      .when(amended)
      .thenDocument((document) => {
        expect(document?.decisions.at(-1)).toEqual({
          ...entryAt(5, dan),
          kind: 'contract-amendment',
          outcome: 'amended',
          stage: null,
          subject: { type: 'change-request', id: 'cr1' },
          authority: 'pmo',
          changeRequestId: 'cr1',
          customerSignatureRef: 'sig-7',
          certificateId: null,
          reason: 'Ten more sites',
          eventType: 'ContractAmended',
          segregation: { requestedBy: 'rita', decidedBy: 'dan', distinct: true },
        });
      });
  });

  it('records a baseline revision against the change request that put it in force', () => {
    const revised = event(
      'BaselineRevised',
      { projectId: 'p1', changeRequestId: 'cr1', version: 2, baseline: {} },
      4,
      dan,
    );
    projectionSpec(projection)
      .given([projectCreated, raised, decided])
      .when(revised)
      .thenDocument((document) => {
        expect(document?.decisions.at(-1)).toMatchObject({
          kind: 'baseline-revision',
          outcome: 'revised',
          changeRequestId: 'cr1',
          reason: 'baseline version 2',
          segregation: { requestedBy: 'rita', decidedBy: 'dan', distinct: true },
        });
      });
  });

  it('records handover decisions against the initiator', () => {
    const ref = { handoverId: 'h1', projectId: 'p1', kind: 'sell-to-execute' };
    const initiated = event(
      'HandoverInitiated',
      { ...ref, items: [], initiatedBy: 'sam', authority: 'sales', accountable: 'sam' },
      2,
      sam,
      'handover-h1',
    );
    const conditionally = event(
      'HandoverConditionallyApproved',
      {
        ...ref,
        approvedBy: 'carla',
        authority: 'project-manager',
        summary: { totalItems: 2, itemsAccepted: ['a'], optionalItemsNotAccepted: [] },
        conditions: [{ itemId: 'b', mandatory: true, ownerId: 'sam', dueOn: '2026-06-01' }],
        accountable: 'carla',
        previousAccountable: 'sam',
      },
      3,
      carla,
      'handover-h1',
    );
    projectionSpec(projection)
      .given([projectCreated, initiated])
      .when(conditionally)
      .thenDocument((document) => {
        expect(document?.decisions).toEqual([
          {
            ...entryAt(3, carla),
            kind: 'handover-decision',
            outcome: 'conditionally-approved',
            stage: null,
            subject: { type: 'handover', id: 'h1' },
            authority: 'project-manager',
            changeRequestId: null,
            customerSignatureRef: null,
            certificateId: null,
            reason: '1 condition(s)',
            eventType: 'HandoverConditionallyApproved',
            segregation: { requestedBy: 'sam', decidedBy: 'carla', distinct: true },
          },
        ]);
      });
  });

  it('flags an acceptance certificate issued by the one who opened the acceptance', () => {
    const opened = event(
      'AcceptanceOpened',
      { acceptanceId: 'ac1', projectId: 'p1', openedBy: 'carla', authority: 'project-manager' },
      2,
      carla,
      'acceptance-ac1',
    );
    const pac = event(
      'ProvisionalAcceptanceCertificateIssued',
      {
        acceptanceId: 'ac1',
        projectId: 'p1',
        certificateId: 'pac-1',
        issuedBy: 'carla',
        authority: 'project-manager',
      },
      3,
      carla,
      'acceptance-ac1',
    );
    projectionSpec(projection)
      .given([projectCreated, opened])
      .when(pac)
      .thenDocument((document) => {
        expect(document?.decisions).toEqual([
          {
            ...entryAt(3, carla),
            kind: 'acceptance-decision',
            outcome: 'issued',
            stage: 'provisional',
            subject: { type: 'acceptance', id: 'ac1' },
            authority: 'project-manager',
            changeRequestId: null,
            customerSignatureRef: null,
            certificateId: 'pac-1',
            reason: null,
            eventType: 'ProvisionalAcceptanceCertificateIssued',
            segregation: { requestedBy: 'carla', decidedBy: 'carla', distinct: false },
          },
        ]);
      });
  });

  it('records a handover approval with its note and a rejection with its reason', () => {
    const ref = { handoverId: 'h1', projectId: 'p1', kind: 'execute-to-care' };
    const initiated = event(
      'HandoverInitiated',
      {
        ...ref,
        items: [],
        initiatedBy: 'carla',
        authority: 'project-manager',
        accountable: 'carla',
      },
      2,
      carla,
      'handover-h1',
    );
    const cora = { sub: 'cora', roles: ['care'] };
    const rejected = event(
      'HandoverRejected',
      { ...ref, reason: 'No as-built drawings', rejectedBy: 'cora', authority: 'care' },
      3,
      cora,
      'handover-h1',
    );
    const approved = event(
      'HandoverApproved',
      {
        ...ref,
        approvedBy: 'cora',
        authority: 'care',
        summary: { totalItems: 0, itemsAccepted: [], optionalItemsNotAccepted: [] },
        accountable: 'cora',
        previousAccountable: 'carla',
        note: 'Taken over',
      },
      4,
      cora,
      'handover-h1',
    );
    const decision = (outcome: string, reason: string) => ({
      kind: 'handover-decision',
      outcome,
      subject: { type: 'handover', id: 'h1' },
      authority: 'care',
      reason,
      segregation: { requestedBy: 'carla', decidedBy: 'cora', distinct: true },
    });
    projectionSpec(projection)
      .given([projectCreated, initiated, rejected])
      .when(approved)
      .thenDocument((document) => {
        expect(document?.decisions).toMatchObject([
          decision('rejected', 'No as-built drawings'),
          decision('approved', 'Taken over'),
        ]);
      });
  });

  it('records a refused final acceptance and an issued FAC with its certificate', () => {
    const opened = event(
      'AcceptanceOpened',
      { acceptanceId: 'ac1', projectId: 'p1', openedBy: 'carla', authority: 'project-manager' },
      2,
      carla,
      'acceptance-ac1',
    );
    const refused = event(
      'AcceptanceRejected',
      {
        acceptanceId: 'ac1',
        projectId: 'p1',
        stage: 'final',
        reason: 'Open punch items',
        rejectedBy: 'dan',
        authority: 'pmo',
      },
      3,
      dan,
      'acceptance-ac1',
    );
    const fac = event(
      'FinalAcceptanceCertificateIssued',
      {
        acceptanceId: 'ac1',
        projectId: 'p1',
        certificateId: 'fac-1',
        issuedBy: 'dan',
        authority: 'pmo',
      },
      4,
      dan,
      'acceptance-ac1',
    );
    const common = {
      kind: 'acceptance-decision',
      stage: 'final',
      subject: { type: 'acceptance', id: 'ac1' },
      authority: 'pmo',
      segregation: { requestedBy: 'carla', decidedBy: 'dan', distinct: true },
    };
    projectionSpec(projection)
      .given([projectCreated, opened, refused])
      .when(fac)
      .thenDocument((document) => {
        expect(document?.decisions).toMatchObject([
          { ...common, outcome: 'rejected', reason: 'Open punch items', certificateId: null },
          { ...common, outcome: 'issued', reason: null, certificateId: 'fac-1' },
        ]);
      });
  });

  it('records a final-acceptance waiver with no requester (distinct: null)', () => {
    const waived = event(
      'FinalAcceptanceWaived',
      { projectId: 'p1', reason: 'Customer dissolved', waivedBy: 'dan', authority: 'pmo' },
      2,
      dan,
    );
    projectionSpec(projection)
      .given([projectCreated])
      .when(waived)
      .thenDocument((document) => {
        expect(document?.decisions[0]).toMatchObject({
          kind: 'final-acceptance-waiver',
          outcome: 'waived',
          subject: { type: 'project', id: 'p1' },
          reason: 'Customer dissolved',
          segregation: { requestedBy: null, decidedBy: 'dan', distinct: null },
        });
      });
  });

  describe('a contract file', () => {
    const registered = event(
      'ContractRegistered',
      { contractId: 'k1', programId: 'g1', registeredBy: 'pat', authority: 'pmo' },
      1,
      pat,
      'contract-k1',
    );
    const accrued = event(
      'LiquidatedDamagesAccrued',
      { contractId: 'k1', obligationId: 'o1', accruedBy: 'pat', authority: 'pmo' },
      2,
      pat,
      'contract-k1',
    );
    const waived = (actor: { sub: string; roles: string[] }) =>
      event(
        'LiquidatedDamagesWaived',
        {
          contractId: 'k1',
          obligationId: 'o1',
          amount: { amount: 100, currency: 'EUR' },
          waivedTotal: { amount: 100, currency: 'EUR' },
          reason: 'Customer caused the delay',
          waivedBy: actor.sub,
          authority: 'pmo',
        },
        3,
        actor,
        'contract-k1',
      );
    const waiver = (actor: { sub: string; roles: string[] }, distinct: boolean) => ({
      decisionId: 'event-3',
      kind: 'ld-waiver',
      outcome: 'waived',
      stage: null,
      subject: { type: 'obligation', id: 'o1' },
      programId: 'g1',
      projectId: null,
      contractId: 'k1',
      decidedBy: actor.sub,
      roles: actor.roles,
      authority: 'pmo',
      changeRequestId: null,
      customerSignatureRef: null,
      certificateId: null,
      reason: 'Customer caused the delay',
      recordedAt: `${day(3)}T08:00:01.000Z`,
      effectiveAt: `${day(3)}T08:00:00.000Z`,
      logPosition: 3,
      eventType: 'LiquidatedDamagesWaived',
      segregation: { requestedBy: 'pat', decidedBy: actor.sub, distinct },
    });
    const contractFile = (decisions: unknown[]) => ({
      _id: 'contract:k1',
      position: 3,
      scope: 'contract',
      programId: 'g1',
      projectId: null,
      contractId: 'k1',
      requests: [{ subject: { type: 'obligation', id: 'o1' }, requestedBy: 'pat' }],
      decisions,
    });

    it('records an LD waiver by another PMO as distinct from the accruer', () => {
      projectionSpec(projection)
        .given([registered, accrued])
        .when(waived(dan))
        .then(contractFile([waiver(dan, true)]) as DecisionRegisterFile);
    });

    it('flags an LD waiver by the PMO who accrued the damages', () => {
      projectionSpec(projection)
        .given([registered, accrued])
        .when(waived(pat))
        .then(contractFile([waiver(pat, false)]) as DecisionRegisterFile);
    });
  });

  it('never creates a file from anything but ProjectCreated or ContractRegistered (P5)', () => {
    for (const next of [raised, decided, signedByRequester, amended]) {
      projectionSpec(projection).given().when(next).then(null);
    }
  });

  it('does not mutate its input', () => {
    const before = [projectCreated, raised].reduce<DecisionRegisterFile | null>(
      (document, next) => projection.apply(document, next),
      null,
    );
    const snapshot = JSON.parse(JSON.stringify(before)) as unknown;
    projection.apply(before, decided);
    expect(before).toEqual(snapshot);
  });
});
