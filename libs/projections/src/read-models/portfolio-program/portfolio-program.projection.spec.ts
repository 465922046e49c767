import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { projectionSpec } from '@ledger/testing';
import {
  portfolioProgramProjection as projection,
  type PortfolioProgram,
} from './portfolio-program.projection';

function event(type: string, data: JsonObject, at: number, schemaVersion = 1): RecordedEvent {
  return {
    id: `event-${at}`,
    type,
    schemaVersion,
    data: { programId: 'prog-1', ...data },
    metadata: {
      effectiveAt: '2026-01-01T00:00:00.000Z',
      actor: { sub: 'pat', roles: ['pmo'] },
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
    },
    streamId: 'program-prog-1',
    revision: at - 1,
    position: at,
    recordedAt: `2026-03-${String(at).padStart(2, '0')}T00:00:00.000Z`,
    prevHash: '',
    hash: '',
  };
}

const spec = projectionSpec(projection);

const customer = { id: 'cust-1', name: 'Nordic Telco' };
const created = (managerId?: string) =>
  event(
    'ProgramCreated',
    { name: 'Fibre North', customer, managerId: managerId ?? null, createdBy: 'pat' },
    1,
    2,
  );
const program: PortfolioProgram = {
  _id: 'prog-1',
  position: 1,
  programId: 'prog-1',
  name: 'Fibre North',
  customer,
  managerId: null,
  status: 'active',
  createdAt: '2026-03-01T00:00:00.000Z',
  closedAt: null,
};
const managerAssigned = event('ProgramManagerAssigned', { managerId: 'mia', assignedBy: 'pat' }, 2);
const closed = event('ProgramClosed', { closedBy: 'pat', reason: 'done' }, 3);

describe('portfolioProgramProjection', () => {
  it('creates the program from ProgramCreated (no manager named reads as null)', () => {
    spec.given().when(created()).then(program);
    spec
      .given()
      .when(created('mia'))
      .then({ ...program, managerId: 'mia' });
  });

  it('tracks the manager', () => {
    spec
      .given([created()])
      .when(managerAssigned)
      .then({ ...program, position: 2, managerId: 'mia' });
  });

  it('tracks the closure', () => {
    spec
      .given([created(), managerAssigned])
      .when(closed)
      .then({
        ...program,
        position: 3,
        managerId: 'mia',
        status: 'closed',
        closedAt: '2026-03-03T00:00:00.000Z',
      });
  });

  it('keys by data.programId; other events cannot create it (P5)', () => {
    expect(projection.documentId(created())).toBe('prog-1');
    expect(projection.documentId({ ...created(), data: {} })).toBeNull();
    spec.given().when(closed).then(null);
    spec.given().when(managerAssigned).then(null);
  });
});
