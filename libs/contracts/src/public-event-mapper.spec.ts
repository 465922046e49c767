import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import type { PublicCloudEvent } from './cloud-event';
import { PublicEventMapper } from './public-event-mapper';
import { publicEventValidator } from './public-schemas.spec-fixtures';

/** A stored event as a consumer reads it (already upcast), at the next log position. */
let position = 0;
function stored(type: string, data: JsonObject, schemaVersion = 1): RecordedEvent {
  position += 1;
  return {
    id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type,
    schemaVersion,
    data,
    metadata: {
      effectiveAt: '2026-03-10T09:00:00.000Z',
      actor: { sub: 'paula', roles: ['pmo'] },
      correlationId: `corr-${position}`,
      causationId: 'cause',
      commandId: 'command',
    },
    streamId: 'stream',
    revision: 0,
    position,
    recordedAt: '2026-03-11T08:00:00.000Z',
    prevHash: '0'.repeat(64),
    hash: String(position % 10).repeat(64),
  };
}

const money = (amount: number) => ({ amount, currency: 'EUR' });
const PROGRAM = stored(
  'ProgramCreated',
  {
    programId: 'prog-1',
    name: 'RAN North',
    customer: { id: 'cust-1', name: 'Nordic Telco' },
    managerId: 'carla',
    createdBy: 'paula',
  },
  2,
);
const CONTRACT = stored('ContractRegistered', {
  contractId: 'con-1',
  programId: 'prog-1',
  customerId: 'cust-1',
  title: 'Frame',
  value: money(1_000_000),
  signedOn: '2026-01-05',
  registeredBy: 'sam',
  authority: 'sales',
});
const PROJECT = stored('ProjectCreated', {
  projectId: 'proj-1',
  programId: 'prog-1',
  contractId: 'con-1',
  name: 'Site rollout',
  createdBy: 'paula',
});

const VALIDATOR = publicEventValidator();

/** given(history).when(event).then(message): a fresh mapper warmed with the history. */
function given(...history: RecordedEvent[]) {
  const mapper = new PublicEventMapper();
  for (const event of history) mapper.warm(event);
  return {
    when: (event: RecordedEvent) => ({
      then: (expected: Partial<PublicCloudEvent> | null) => {
        const message = mapper.map(event);
        if (expected === null) return expect(message).toBeNull();
        expect(message).toMatchObject(expected);
        expect(VALIDATOR.errorsOf(message!)).toEqual([]);
      },
      thenFails: (message: string) => expect(() => mapper.map(event)).toThrow(message),
    }),
  };
}

describe('PublicEventMapper', () => {
  it('ProgramCreated → program.created.v1 in a full CloudEvents envelope, no person ids', () => {
    const mapper = new PublicEventMapper();
    expect(mapper.map(PROGRAM)).toEqual({
      specversion: '1.0',
      id: PROGRAM.id,
      source: '/delivery-ledger/programs/prog-1',
      type: 'com.delivery-ledger.program.created.v1',
      subject: 'programs/prog-1',
      time: '2026-03-11T08:00:00.000Z',
      datacontenttype: 'application/json',
      dataschema: 'urn:delivery-ledger:schema:com.delivery-ledger.program.created.v1',
      sequence: '0000000000000001',
      effectivetime: '2026-03-10T09:00:00.000Z',
      programid: 'prog-1',
      correlationid: PROGRAM.metadata.correlationId,
      eventhash: PROGRAM.hash,
      data: {
        programId: 'prog-1',
        name: 'RAN North',
        customer: { id: 'cust-1', name: 'Nordic Telco' },
      },
    });
  });

  it('a project-level event takes its program from the directory (ProjectCreated)', () => {
    given(PROGRAM, CONTRACT, PROJECT)
      .when(
        stored('ScopeChanged', {
          projectId: 'proj-1',
          changeRequestId: 'cr-1',
          added: [{ id: 's-4', title: 'Extra site' }],
          removed: [],
        }),
      )
      .then({
        type: 'com.delivery-ledger.project.scope-changed.v1',
        programid: 'prog-1',
        subject: 'projects/proj-1',
        data: {
          projectId: 'proj-1',
          changeRequestId: 'cr-1',
          added: [{ id: 's-4', title: 'Extra site' }],
          removed: [],
        },
      });
  });

  it('a contract-level event takes its program from ContractRegistered', () => {
    given(PROGRAM, CONTRACT)
      .when(
        stored('ObligationMissed', {
          contractId: 'con-1',
          obligationId: 'ob-1',
          deadline: '2026-03-01',
          missedAsOf: '2026-03-02',
          reason: 'late',
          recordedBy: 'pat',
          authority: 'project-manager',
        }),
      )
      .then({
        type: 'com.delivery-ledger.contract.obligation-missed.v1',
        programid: 'prog-1',
        subject: 'contracts/con-1/obligations/ob-1',
        data: {
          contractId: 'con-1',
          obligationId: 'ob-1',
          deadline: '2026-03-01',
          missedAsOf: '2026-03-02',
          reason: 'late',
        },
      });
  });

  it('contract amended, LD accrued and waived, program closed, handover rejected', () => {
    const history = [PROGRAM, CONTRACT, PROJECT];
    given(...history)
      .when(
        stored('ContractAmended', {
          contractId: 'con-1',
          amendmentId: 'am-1',
          summary: 'two more sites',
          changeRequestId: 'cr-1',
          projectId: 'proj-1',
          customerSignatureRef: 'sig-1',
          value: { previous: money(1_000_000), amended: money(1_100_000) },
          obligationDueChanges: [
            {
              obligationId: 'ob-1',
              dueOn: '2026-05-01',
              measurementWindow: null,
              previous: { dueOn: '2026-04-01', measurementWindow: null },
            },
          ],
          amendedBy: 'sam',
          authority: 'sales',
        }),
      )
      .then({
        type: 'com.delivery-ledger.contract.amended.v1',
        data: expect.objectContaining({
          obligationDueChanges: [
            {
              obligationId: 'ob-1',
              dueOn: '2026-05-01',
              measurementWindow: null,
              previousDueOn: '2026-04-01',
              previousMeasurementWindow: null,
            },
          ],
        }),
      });
    given(...history)
      .when(
        stored('LiquidatedDamagesAccrued', {
          contractId: 'con-1',
          obligationId: 'ob-1',
          asOf: '2026-04-15',
          countedUntil: '2026-04-15',
          daysLate: 14,
          weeksLate: 2,
          amount: money(10_000),
          accruedTotal: money(10_000),
          cap: money(100_000),
          accruedBy: 'pat',
          authority: 'pmo',
        }),
      )
      .then({ type: 'com.delivery-ledger.contract.liquidated-damages-accrued.v1' });
    given(...history)
      .when(
        stored('LiquidatedDamagesWaived', {
          contractId: 'con-1',
          obligationId: 'ob-1',
          amount: money(5_000),
          waivedTotal: money(5_000),
          reason: 'customer delay',
          waivedBy: 'sam',
          authority: 'sales',
        }),
      )
      .then({ type: 'com.delivery-ledger.contract.liquidated-damages-waived.v1' });
    given(...history)
      .when(stored('ProgramClosed', { programId: 'prog-1', closedBy: 'paula', reason: 'done' }))
      .then({
        type: 'com.delivery-ledger.program.closed.v1',
        data: { programId: 'prog-1', reason: 'done' },
      });
    given(...history)
      .when(
        stored('HandoverRejected', {
          handoverId: 'h-1',
          projectId: 'proj-1',
          kind: 'sell-to-execute',
          reason: 'incomplete',
          rejectedBy: 'pat',
          authority: 'project-manager',
        }),
      )
      .then({
        type: 'com.delivery-ledger.project.handover-rejected.v1',
        subject: 'projects/proj-1/handovers/h-1',
        data: {
          projectId: 'proj-1',
          handoverId: 'h-1',
          kind: 'sell-to-execute',
          reason: 'incomplete',
        },
      });
  });

  it('a safety incident report carries no personal data: no person ids, no description', () => {
    given(PROGRAM, CONTRACT, PROJECT)
      .when(
        stored('SafetyIncidentReported', {
          incidentId: 'inc-1',
          projectId: 'proj-1',
          siteId: 'site-9',
          occurredAt: '2026-03-09T14:30:00+01:00',
          description: 'Ola slipped on the ladder',
          personRefs: ['p-ola', 'p-kari'],
          reportedBy: 'hse-lead',
          authority: 'project-manager',
        }),
      )
      .then({
        data: {
          projectId: 'proj-1',
          incidentId: 'inc-1',
          siteId: 'site-9',
          occurredAt: '2026-03-09T14:30:00+01:00',
          peopleInvolved: 2,
        },
      });
  });

  it('a conditional handover approval is handover-approved with its conditions, without owners', () => {
    given(PROGRAM, CONTRACT, PROJECT)
      .when(
        stored('HandoverConditionallyApproved', {
          handoverId: 'h-1',
          projectId: 'proj-1',
          kind: 'delivery-to-care',
          approvedBy: 'carl',
          authority: 'care',
          summary: { totalItems: 3, itemsAccepted: ['i-1'], optionalItemsNotAccepted: ['i-3'] },
          conditions: [{ itemId: 'i-2', mandatory: true, ownerId: 'pat', dueOn: '2026-04-01' }],
          accountable: 'carl',
          previousAccountable: 'pat',
        }),
      )
      .then({
        data: {
          projectId: 'proj-1',
          handoverId: 'h-1',
          kind: 'delivery-to-care',
          conditional: true,
          totalItems: 3,
          itemsAccepted: ['i-1'],
          optionalItemsNotAccepted: ['i-3'],
          conditions: [{ itemId: 'i-2', mandatory: true, dueOn: '2026-04-01' }],
        },
      });
  });

  it('an internal event that is not public maps to nothing', () => {
    given(PROGRAM, CONTRACT, PROJECT)
      .when(
        stored('TeamMemberAssigned', {
          projectId: 'proj-1',
          personId: 'pat',
          role: 'project-manager',
          allocationPercent: 100,
          replacedProjectManagerId: null,
          assignedBy: 'paula',
          authority: 'pmo',
        }),
      )
      .then(null);
  });

  it('a webhook subscription is delivery machinery, never published', () => {
    given(PROGRAM)
      .when(
        stored('WebhookSubscriptionCreated', {
          subscriptionId: 'whs1',
          url: 'https://erp.example.com/hooks',
          eventTypes: 'all',
          programIds: ['prog-1'],
          createdBy: 'erp',
          authority: 'integration',
        }),
      )
      .then(null);
  });

  it('refuses an owner whose program it never saw: warm() the mapper first', () => {
    given(PROGRAM)
      .when(
        stored('ProjectClosed', {
          projectId: 'proj-x',
          reason: 'done',
          closedBy: 'pat',
          authority: 'project-manager',
        }),
      )
      .thenFails('warm() the mapper');
  });

  it('refuses an old schema version (the consumer must read through the upcaster)', () => {
    given()
      .when(
        stored(
          'ProgramCreated',
          { programId: 'p', name: 'n', customer: { id: 'c', name: 'c' }, createdBy: 'x' },
          1,
        ),
      )
      .thenFails('not the current v2');
  });

  it('refuses an internal type no mapping decided about', () => {
    given().when(stored('SomethingNew', {})).thenFails('no public mapping decided');
  });

  it('refuses events out of log order', () => {
    const mapper = new PublicEventMapper();
    const later = stored('ProgramClosed', {
      programId: 'prog-1',
      closedBy: 'paula',
      reason: 'done',
    });
    mapper.map(later);
    expect(() => mapper.map(PROGRAM)).toThrow('events must come in log order');
  });
});

describe('the schemas catch a mapper that emits a field they lack', () => {
  it('a deliberately wrong mapper (one extra field) fails validation; the real one passes', () => {
    const message = new PublicEventMapper().map(PROGRAM)!;
    const validator = VALIDATOR;
    expect(validator.errorsOf(message)).toEqual([]);
    // What a careless mapper spreading internal data would emit: managerId and createdBy leak.
    const careless = { ...message, data: { ...message.data, managerId: 'carla' } };
    expect(validator.errorsOf(careless)).toEqual([
      expect.stringContaining('must NOT have additional properties'),
    ]);
  });

  it('an extension the envelope schema lacks fails too', () => {
    const message = new PublicEventMapper().map(PROGRAM)!;
    expect(VALIDATOR.errorsOf({ ...message, actorsub: 'paula' })).toEqual([
      expect.stringContaining('must NOT have additional properties'),
    ]);
  });
});
