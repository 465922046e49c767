import type { JsonObject, RecordedEvent } from '@ledger/event-store';
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

function fold(events: readonly RecordedEvent[], start: PortfolioProgram | null = null) {
  return events.reduce<PortfolioProgram | null>((document, next) => {
    const applied = projection.apply(document, next);
    return applied && applied !== document ? { ...applied, position: next.position } : applied;
  }, start);
}

const customer = { id: 'cust-1', name: 'Nordic Telco' };
const created = (managerId?: string) =>
  event(
    'ProgramCreated',
    { name: 'Fibre North', customer, managerId: managerId ?? null, createdBy: 'pat' },
    1,
    2,
  );

describe('portfolioProgramProjection', () => {
  it('creates the program from ProgramCreated (no manager named reads as null)', () => {
    expect(fold([created()])).toEqual({
      _id: 'prog-1',
      position: 1,
      programId: 'prog-1',
      name: 'Fibre North',
      customer,
      managerId: null,
      status: 'active',
      createdAt: '2026-03-01T00:00:00.000Z',
      closedAt: null,
    });
    expect(fold([created('mia')])?.managerId).toBe('mia');
  });

  it('tracks the manager and the closure', () => {
    expect(
      fold([
        created(),
        event('ProgramManagerAssigned', { managerId: 'mia', assignedBy: 'pat' }, 2),
        event('ProgramClosed', { closedBy: 'pat', reason: 'done' }, 3),
      ]),
    ).toMatchObject({ managerId: 'mia', status: 'closed', closedAt: '2026-03-03T00:00:00.000Z' });
  });

  it('keys by data.programId; other events cannot create it (P5)', () => {
    expect(projection.documentId(created())).toBe('prog-1');
    expect(projection.documentId({ ...created(), data: {} })).toBeNull();
    const missing: PortfolioProgram | null = null;
    expect(projection.apply(missing, event('ProgramClosed', { reason: 'x' }, 4))).toBeNull();
  });

  it('the same event twice leaves the document unchanged, and nothing is mutated', () => {
    const events = [
      created(),
      event('ProgramManagerAssigned', { managerId: 'mia' }, 2),
      event('ProgramClosed', { reason: 'done' }, 3),
    ];
    for (let i = 0; i < events.length; i++) {
      const once = fold(events.slice(0, i + 1))!;
      const frozen = JSON.parse(JSON.stringify(once)) as PortfolioProgram;
      expect(fold([events[i]!], once)).toEqual(once);
      expect(once).toEqual(frozen);
    }
  });
});
