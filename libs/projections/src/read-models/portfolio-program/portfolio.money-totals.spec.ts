import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { MAX_MONEY_MINOR_UNITS } from '@ledger/domain';
import { projectionSpec } from '@ledger/testing';
import { projectSummaryProjection } from '../project-summary/project-summary.projection';
import { programPortfolio } from './portfolio';

/**
 * Issue 9 item 4: one amount is bounded (MAX_MONEY_MINOR_UNITS), but a program's totals add up
 * every project's. 901 projects at the bound plus one of 1 cent pass 2^53 − 1, where a JavaScript
 * number can no longer hold the odd cent (9010000000000001 rounds to …000); the roll-up is exact.
 */
const MAXIMAL_PROJECTS = 901;

let position = 0;
function event(projectId: string, type: string, data: JsonObject): RecordedEvent {
  position += 1;
  return {
    id: `event-${position}`,
    type,
    schemaVersion: 1,
    data: { projectId, ...data },
    metadata: {
      effectiveAt: '2026-01-01T00:00:00.000Z',
      actor: { sub: 'alice', roles: ['project-manager'] },
      correlationId: 'c',
      causationId: 'c',
      commandId: 'c',
    },
    streamId: `project-${projectId}`,
    revision: type === 'ProjectCreated' ? 0 : 1,
    position,
    recordedAt: '2026-02-01T00:00:00.000Z',
    prevHash: '',
    hash: '',
  };
}

const created = (projectId: string) =>
  event(projectId, 'ProjectCreated', {
    programId: 'prog-1',
    contractId: 'k1',
    name: `Rollout ${projectId}`,
  });

const baselined = (projectId: string, amount: number) =>
  event(projectId, 'BaselineEstablished', {
    version: 1,
    baseline: {
      budget: { amount, currency: 'EUR' },
      scope: [{ id: 's1', title: 'Core' }],
      milestones: [],
      quality: [],
    },
  });

describe('portfolio money totals beyond 2^53 (project summaries rolled up)', () => {
  it('stay exact: the sum is answered as its decimal string, each stored budget as a number', () => {
    const history = Array.from({ length: MAXIMAL_PROJECTS }, (_, index) => `p${index}`).flatMap(
      (projectId) => [created(projectId), baselined(projectId, MAX_MONEY_MINOR_UNITS)],
    );
    const expected = (BigInt(MAXIMAL_PROJECTS) * BigInt(MAX_MONEY_MINOR_UNITS) + 1n).toString();
    expect(expected).toBe('9010000000000001');
    // The defect this guards against: as numbers, the odd cent is lost.
    expect(String(MAXIMAL_PROJECTS * MAX_MONEY_MINOR_UNITS + 1)).toBe('9010000000000000');

    projectionSpec(projectSummaryProjection)
      .given([...history, created('last')])
      .when(baselined('last', 1))
      .thenReadModel((documents) => {
        const summaries = [...documents.values()];
        expect(summaries).toHaveLength(MAXIMAL_PROJECTS + 1);
        // The documents hold each budget as the exact number it was recorded with.
        expect(documents.get('p0')?.currentBaseline?.budget).toEqual({
          amount: MAX_MONEY_MINOR_UNITS,
          currency: 'EUR',
        });
        const program = { programId: 'prog-1', name: 'Fibre North', status: 'active' as const };
        const [eur] = programPortfolio(program, summaries).totals;
        expect(eur).toMatchObject({
          currency: 'EUR',
          projects: MAXIMAL_PROJECTS + 1,
          bacOriginal: { amount: expected, currency: 'EUR' },
          bacCurrent: { amount: expected, currency: 'EUR' },
          pv: { amount: 0, currency: 'EUR' },
        });
        // Through JSON as the api answers: the string survives, no parser rounds it.
        const answered = JSON.parse(JSON.stringify(eur)) as { bacCurrent: { amount: unknown } };
        expect(BigInt(answered.bacCurrent.amount as string)).toBe(BigInt(expected));
      });
  });

  it('stay JSON numbers while the sum is a safe integer', () => {
    projectionSpec(projectSummaryProjection)
      .given([created('a'), baselined('a', MAX_MONEY_MINOR_UNITS), created('b')])
      .when(baselined('b', 1))
      .thenReadModel((documents) => {
        const program = { programId: 'prog-1', name: 'Fibre North', status: 'active' as const };
        const [eur] = programPortfolio(program, [...documents.values()]).totals;
        expect(eur?.bacCurrent).toEqual({ amount: MAX_MONEY_MINOR_UNITS + 1, currency: 'EUR' });
      });
  });
});
