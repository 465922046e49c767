import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { projectedDocuments, projectionSpec } from '@ledger/testing';
import {
  contractComplianceProjection as projection,
  isContractComplianceDocument,
  type ContractComplianceDocument,
  type ContractComplianceEntry,
} from './contract-compliance.projection';

function event(
  type: string,
  data: JsonObject,
  at: number,
  streamId = 'contract-k1',
): RecordedEvent {
  return {
    id: `event-${at}`,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      effectiveAt: '2025-01-01T00:00:00.000Z',
      actor: { sub: 'carla', roles: ['project-manager'] },
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
    },
    streamId,
    revision: at - 1,
    position: at,
    recordedAt: `2025-03-${String(at).padStart(2, '0')}T00:00:00.000Z`,
    prevHash: '',
    hash: '',
  };
}

const spec = projectionSpec(projection);

/** The contract's document in `document`, failing the spec when it is not one. */
function contractIn(document: ContractComplianceEntry | null): ContractComplianceDocument {
  if (!document || !isContractComplianceDocument(document)) throw new Error('not the contract');
  return document;
}

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const ld = { kind: 'liquidated-damages', ratePerWeekPct: 0.5, capPct: 10, graceDays: 7 };
const k = (data: JsonObject) => ({ contractId: 'k1', ...data });

const contractEvents = (): RecordedEvent[] => [
  event(
    'ContractRegistered',
    k({
      programId: 'prog-1',
      customerId: 'cust-1',
      title: 'RAN North',
      value: eur(100_000_000),
      signedOn: '2025-01-15',
      registeredBy: 'sam',
      authority: 'sales',
    }),
    1,
  ),
  event(
    'ObligationRegistered',
    k({
      obligationId: 'o1',
      kind: 'milestone',
      title: 'Cluster North-1 on air',
      dueOn: '2025-03-01',
      measurementWindow: null,
      evidenceRule: 'Customer confirmation',
      remedy: ld,
      registeredBy: 'carla',
      authority: 'project-manager',
    }),
    2,
  ),
  event(
    'ObligationRegistered',
    k({
      obligationId: 'o.2',
      kind: 'sla',
      title: 'Availability 99.95 %',
      dueOn: null,
      measurementWindow: { from: '2025-07-01', to: '2025-09-30' },
      evidenceRule: '',
      remedy: { kind: 'service-credit', ratePerWeekPct: 0.25, capPct: 5, graceDays: 0 },
      registeredBy: 'carla',
      authority: 'project-manager',
    }),
    3,
  ),
  event(
    'ContractDesignatedKeyProject',
    k({
      criteria: ['value', 'strategic'],
      reason: 'Flagship',
      designatedBy: 'paula',
      authority: 'pmo',
    }),
    4,
  ),
  event(
    'ObligationMissed',
    k({
      obligationId: 'o1',
      deadline: '2025-03-01',
      missedAsOf: '2025-03-05',
      reason: 'Site access',
      recordedBy: 'carla',
      authority: 'project-manager',
    }),
    5,
  ),
  event(
    'LiquidatedDamagesAccrued',
    k({
      obligationId: 'o1',
      asOf: '2025-03-20',
      countedUntil: '2025-03-20',
      daysLate: 12,
      weeksLate: 2,
      amount: eur(1_000_000),
      accruedTotal: eur(1_000_000),
      cap: eur(10_000_000),
      accruedBy: 'carla',
      authority: 'project-manager',
    }),
    6,
  ),
  event(
    'LiquidatedDamagesWaived',
    k({
      obligationId: 'o1',
      amount: eur(250_000),
      waivedTotal: eur(250_000),
      reason: 'Customer caused',
      waivedBy: 'paula',
      authority: 'pmo',
    }),
    7,
  ),
  event(
    'ObligationFulfilled',
    k({
      obligationId: 'o1',
      fulfilledOn: '2025-03-25',
      evidence: { kind: 'document', ref: 'DOC-1' },
      onTime: false,
      recordedBy: 'carla',
      authority: 'project-manager',
    }),
    8,
  ),
  event(
    'ContractAmended',
    k({
      amendmentId: 'a1',
      summary: 'Two more sites',
      changeRequestId: 'cr1',
      projectId: 'p1',
      customerSignatureRef: 'SIG-2',
      value: { previous: eur(100_000_000), amended: eur(120_000_000) },
      obligationDueChanges: [
        {
          obligationId: 'o.2',
          previous: { dueOn: null, measurementWindow: { from: '2025-07-01', to: '2025-09-30' } },
          dueOn: null,
          measurementWindow: { from: '2025-08-01', to: '2025-10-31' },
        },
      ],
      amendedBy: 'carla',
      authority: 'project-manager',
    }),
    9,
  ),
  event(
    'LiquidatedDamagesCapReached',
    k({ obligationId: 'o1', asOf: '2025-03-20', cap: eur(10_000_000) }),
    10,
  ),
];

const baseline = (milestones: JsonObject[]) => ({
  budget: eur(50_000_000),
  scope: [{ id: 's1', title: 'Sites' }],
  milestones,
  quality: [],
});

const p = (data: JsonObject) => ({ projectId: 'p1', ...data });
const projectEvents = (): RecordedEvent[] => [
  event(
    'ProjectCreated',
    p({ programId: 'prog-1', contractId: 'k1', name: 'North', createdBy: 'paula' }),
    11,
    'project-p1',
  ),
  event(
    'BaselineEstablished',
    p({
      version: 1,
      baseline: baseline([
        { id: 'm1', title: 'On air', dueOn: '2025-03-10', obligationId: 'o1' },
        { id: 'm2', title: 'Design', dueOn: '2025-02-10', obligationId: null },
        { id: 'm3', title: 'SLA start', dueOn: '2025-07-01', obligationId: 'o.2' },
      ]),
      establishedBy: 'carla',
      authority: 'project-manager',
    }),
    12,
    'project-p1',
  ),
  event(
    'ForecastSubmitted',
    p({
      milestones: [
        { milestoneId: 'm1', forecastOn: '2025-03-24' },
        { milestoneId: 'm2', forecastOn: '2025-02-12' },
      ],
      estimateToComplete: null,
      actualCostToDate: null,
      estimateAtCompletion: null,
      submittedBy: 'carla',
    }),
    13,
    'project-p1',
  ),
  event(
    'BaselineRevised',
    p({
      changeRequestId: 'cr1',
      version: 2,
      baseline: baseline([
        { id: 'm1', title: 'On air', dueOn: '2025-03-10', obligationId: 'o1' },
        { id: 'm2', title: 'Design', dueOn: '2025-02-10', obligationId: null },
        { id: 'm3', title: 'SLA start', dueOn: '2025-08-01', obligationId: 'o.2' },
      ]),
    }),
    14,
    'project-p1',
  ),
];

const noLd = {
  accruedAsOf: null,
  accrued: 0,
  waived: 0,
  daysLate: 0,
  weeksLate: 0,
  capReached: false,
};

describe('contractComplianceProjection', () => {
  it('uses a store-valid collection name', () => {
    expect(projection.collection).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('routes contract events to the contract and project events to the project links', () => {
    const ids = [...contractEvents(), ...projectEvents()].map((e) => projection.documentId(e));
    expect(ids).toEqual([...Array(10).fill('contract:k1'), ...Array(4).fill('project:p1')]);
    expect(projection.documentId(event('ObligationMissed', { obligationId: 'o1' }, 1))).toBeNull();
  });

  it('an obligation registered without an evidence rule has null, never ""', () => {
    const [registered, , sla] = contractEvents();
    expect(sla!.data).toHaveProperty('evidenceRule', '');
    spec
      .after([registered!, sla!])
      .thenDocument((document) =>
        expect(contractIn(document).obligations.map((o) => o.evidenceRule)).toEqual([null]),
      );
  });

  it('folds the contract: obligations with due dates, fulfilment, miss, LD ledger, amendment', () => {
    spec.after(contractEvents()).then({
      _id: 'contract:k1',
      position: 10,
      type: 'contract',
      contractId: 'k1',
      programId: 'prog-1',
      customerId: 'cust-1',
      title: 'RAN North',
      value: eur(120_000_000),
      originalValue: eur(100_000_000),
      signedOn: '2025-01-15',
      keyProject: { criteria: ['value', 'strategic'], reason: 'Flagship', designatedBy: 'paula' },
      amendments: [
        {
          amendmentId: 'a1',
          changeRequestId: 'cr1',
          projectId: 'p1',
          summary: 'Two more sites',
          customerSignatureRef: 'SIG-2',
          amendedBy: 'carla',
          amendedAt: '2025-03-09T00:00:00.000Z',
        },
      ],
      obligations: [
        {
          obligationId: 'o1',
          kind: 'milestone',
          title: 'Cluster North-1 on air',
          evidenceRule: 'Customer confirmation',
          dueOn: '2025-03-01',
          measurementWindow: null,
          deadline: '2025-03-01',
          originalDeadline: '2025-03-01',
          remedy: ld,
          registeredAt: '2025-03-02T00:00:00.000Z',
          fulfilment: {
            fulfilledOn: '2025-03-25',
            evidence: { kind: 'document', ref: 'DOC-1' },
            onTime: false,
            recordedBy: 'carla',
          },
          missed: {
            deadline: '2025-03-01',
            missedAsOf: '2025-03-05',
            reason: 'Site access',
            recordedBy: 'carla',
          },
          liquidatedDamages: {
            accruedAsOf: '2025-03-20',
            accrued: 1_000_000,
            waived: 250_000,
            daysLate: 12,
            weeksLate: 2,
            capReached: true,
          },
        },
        {
          obligationId: 'o.2',
          kind: 'sla',
          title: 'Availability 99.95 %',
          evidenceRule: null,
          dueOn: null,
          measurementWindow: { from: '2025-08-01', to: '2025-10-31' },
          deadline: '2025-10-31',
          originalDeadline: '2025-09-30',
          remedy: { kind: 'service-credit', ratePerWeekPct: 0.25, capPct: 5, graceDays: 0 },
          registeredAt: '2025-03-03T00:00:00.000Z',
          fulfilment: null,
          missed: null,
          liquidatedDamages: noLd,
        },
      ],
      registeredAt: '2025-03-01T00:00:00.000Z',
      lastEventAt: '2025-03-10T00:00:00.000Z',
    });
  });

  it('folds the project links: linked milestones of the current baseline and their forecast', () => {
    spec.after(projectEvents()).then({
      _id: 'project:p1',
      position: 14,
      type: 'project',
      projectId: 'p1',
      programId: 'prog-1',
      contractId: 'k1',
      baselineVersion: 2,
      milestones: [
        { milestoneId: 'm1', title: 'On air', dueOn: '2025-03-10', obligationId: 'o1' },
        { milestoneId: 'm3', title: 'SLA start', dueOn: '2025-08-01', obligationId: 'o.2' },
      ],
      forecasts: [{ milestoneId: 'm1', forecastOn: '2025-03-24' }],
      forecastPosition: 13,
      lastEventAt: '2025-03-14T00:00:00.000Z',
    });
  });

  it('an event applied again to the document that reflects it changes nothing (P5)', () => {
    for (const events of [contractEvents(), projectEvents()]) {
      spec.replays(events);
      // Delivered again after the whole history, too (a redelivery after a restart).
      for (const next of events) spec.given(events).when(next).thenUnchanged();
    }
  });

  it('an older accrual, waiver, baseline or forecast never replaces a newer one', () => {
    const events = contractEvents();
    const accrual = (asOf: string, total: number, at: number) =>
      event(
        'LiquidatedDamagesAccrued',
        k({
          obligationId: 'o1',
          asOf,
          countedUntil: asOf,
          daysLate: 20,
          weeksLate: 3,
          amount: eur(500_000),
          accruedTotal: eur(total),
          cap: eur(10_000_000),
        }),
        at,
      );
    const later = [
      ...events.slice(0, 2),
      accrual('2025-03-28', 1_500_000, 3),
      accrual('2025-03-20', 1_000_000, 4),
    ];
    spec.after(later).thenDocument((document) =>
      expect(contractIn(document).obligations[0]?.liquidatedDamages).toMatchObject({
        accruedAsOf: '2025-03-28',
        accrued: 1_500_000,
        weeksLate: 3,
      }),
    );
    const waiver = (total: number, at: number) =>
      event(
        'LiquidatedDamagesWaived',
        k({ obligationId: 'o1', amount: eur(100), waivedTotal: eur(total), reason: 'r' }),
        at,
      );
    spec
      .after([...later, waiver(300_000, 5), waiver(200_000, 6)])
      .thenDocument((document) =>
        expect(contractIn(document).obligations[0]?.liquidatedDamages.waived).toBe(300_000),
      );
    // The project links' older baseline and forecast, delivered again, replace nothing.
    const [, established, forecast] = projectEvents();
    spec.given(projectEvents()).when(established!).thenUnchanged();
    spec.given(projectEvents()).when(forecast!).thenUnchanged();
  });

  it('never creates a document from an event that cannot (P5), nor throws on null', () => {
    for (const next of [...contractEvents().slice(1), ...projectEvents().slice(1)]) {
      spec.given().when(next).thenUnchanged();
    }
  });

  it('ignores events about unknown obligations and amendments seen before', () => {
    const unknown = event(
      'ObligationFulfilled',
      k({
        obligationId: 'nope',
        fulfilledOn: '2025-03-25',
        evidence: { kind: 'document', ref: 'x' },
        onTime: true,
        recordedBy: 'carla',
      }),
      20,
    );
    const contract = contractIn(
      projectedDocuments(projection, contractEvents()).get('contract:k1') ?? null,
    );
    spec
      .given(contractEvents())
      .when(unknown)
      .thenDocument((document) =>
        expect(contractIn(document).obligations).toEqual(contract.obligations),
      );
    const amended = contractEvents().find((e) => e.type === 'ContractAmended')!;
    spec
      .given(contractEvents())
      .when({ ...amended, position: 21 })
      .thenUnchanged();
  });

  it('a forecast keeps only linked milestones; a later baseline drops forecasts of unlinked ones', () => {
    const [created] = projectEvents();
    spec
      .after([created!])
      .thenDocument((document) =>
        expect(document).toMatchObject({ baselineVersion: null, milestones: [], forecasts: [] }),
      );
    // Before any baseline nothing is linked, so nothing is kept.
    spec
      .given([created!])
      .when(
        event(
          'ForecastSubmitted',
          p({ milestones: [{ milestoneId: 'm1', forecastOn: '2025-04-01' }] }),
          12,
        ),
      )
      .thenDocument((document) => expect(document).toMatchObject({ forecasts: [] }));
    spec
      .given(projectEvents().slice(0, 3))
      .when(
        event(
          'BaselineRevised',
          p({
            changeRequestId: 'cr9',
            version: 2,
            baseline: baseline([{ id: 'm9', title: 'x', dueOn: '2025-05-01', obligationId: null }]),
          }),
          20,
        ),
      )
      .thenDocument((document) =>
        expect(document).toMatchObject({ baselineVersion: 2, milestones: [], forecasts: [] }),
      );
  });
});
