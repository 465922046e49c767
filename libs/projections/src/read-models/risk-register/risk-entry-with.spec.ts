import { riskEntryWith } from './risk-entry-with';
import type { RiskRegisterEntry } from './risk-register.projection';

/** An entry with every field, in the order RiskRaised writes them. */
const entry: RiskRegisterEntry = {
  _id: 'risk:r1',
  position: 4,
  type: 'risk',
  riskId: 'r1',
  projectId: 'p1',
  kind: 'threat',
  category: 'technical',
  title: 'Late parts',
  cause: 'c',
  event: 'e',
  effect: 'f',
  raisedBy: 'alice',
  status: 'open',
  closeReason: null,
  ownerId: 'bob',
  response: null,
  contingencyDrawn: null,
  inherent: null,
  residual: null,
  nextReviewOn: null,
  escalation: null,
  actions: [],
  occurrence: null,
  raisedAt: '2026-02-01T00:00:00.000Z',
  lastEventAt: '2026-02-01T00:00:00.000Z',
};

describe('riskEntryWith', () => {
  it('answers the same JSON text as a spread: same fields, same order, nulls kept', () => {
    const change = { position: 9, ownerId: null, status: 'closed' as const, closeReason: 'gone' };
    const copied = riskEntryWith(entry, change);
    expect(JSON.stringify(copied)).toBe(JSON.stringify({ ...entry, ...change }));
    expect(entry.status).toBe('open');
  });

  it('copies an entry with other fields or another order (another version) by spread', () => {
    const { escalation: _left, ...withoutOne } = entry;
    const older = { ...withoutOne, retired: 1 } as unknown as RiskRegisterEntry;
    expect(JSON.stringify(riskEntryWith(older, { position: 9 }))).toBe(
      JSON.stringify({ ...older, position: 9 }),
    );
    const { lastEventAt, ...rest } = entry;
    const reordered = { lastEventAt, ...rest } as RiskRegisterEntry;
    expect(Object.keys(riskEntryWith(reordered, { position: 9 }))).toEqual(Object.keys(reordered));
  });
});
