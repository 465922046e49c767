import { SqliteReadStore } from '@ledger/read-store';
import type { Health } from './project-health';
import {
  NOT_IN_SUMMARY_VIEW,
  PROJECT_SUMMARIES,
  projectSummaryProjection,
  type ProjectSummary,
} from './project-summary.projection';
import {
  projectListFilter,
  projectListSort,
  projectSummaryPage,
  projectSummaryPageBytes,
  projectSummaryPageJson,
  type ProjectListQuery,
} from './project-summary.query';

const HEALTH_RANKS: Record<Health, number> = { red: 0, amber: 1, green: 2, unknown: 3 };

/** A summary with only what the list filters and sorts on set apart; the rest as a new project. */
const summary = (
  projectId: string,
  programId: string,
  status: ProjectSummary['status'],
  health: Health,
  lastEventAt: string,
): ProjectSummary => ({
  _id: projectId,
  position: 7,
  projectId,
  programId,
  contractId: `k-${programId}`,
  name: `Project ${projectId}`,
  status,
  phase: status === 'closed' ? 'closed' : 'set-up',
  attachedToProgram: true,
  deliveryApproach: null,
  originalBaseline: null,
  currentBaseline: null,
  openChangeRequestIds: [],
  openChangeRequests: 0,
  openRisks: 0,
  openHighThreats: 0,
  earnedValue: null,
  reportingPeriods: [],
  latestForecast: null,
  health,
  healthRank: HEALTH_RANKS[health],
  healthReasons: [],
  healthAsOf: lastEventAt.slice(0, 10),
  createdAt: '2026-01-01T00:00:00.000Z',
  lastEventAt,
  inputs: { planStart: null, scopeItemIds: [], reports: [], costs: [], risks: [] },
});

const SUMMARIES = [
  summary('p1', 'g1', 'active', 'green', '2026-03-01T00:00:00.000Z'),
  summary('p2', 'g1', 'active', 'red', '2026-03-04T00:00:00.000Z'),
  summary('p3', 'g1', 'closed', 'amber', '2026-03-02T00:00:00.000Z'),
  summary('p4', 'g2', 'active', 'amber', '2026-03-03T00:00:00.000Z'),
  summary('p5', 'g3', 'active', 'unknown', '2026-03-05T00:00:00.000Z'),
];
const everything: ProjectListQuery = { programs: '*', sort: 'name', limit: 20, offset: 0 };

describe('project list query', () => {
  let store: SqliteReadStore;
  beforeAll(async () => {
    store = await SqliteReadStore.open({ path: ':memory:' });
    await store.upsertMany(PROJECT_SUMMARIES, SUMMARIES);
    await store.ensureIndex(PROJECT_SUMMARIES, ['programId', 'status', 'name']);
  });
  afterAll(() => store.close());

  const projectIds = async (query: Partial<ProjectListQuery>) =>
    (await projectSummaryPage(store, { ...everything, ...query }, 0)).items.map(
      (item) => item.projectId,
    );

  it('answers views (no inputs, no store fields), the total before paging and the position', async () => {
    const page = await projectSummaryPage(store, { ...everything, limit: 2, offset: 1 }, 42);
    expect(page.items.map((item) => item.projectId)).toEqual(['p2', 'p3']);
    expect(page.total).toBe(5);
    expect(page.position).toBe(42);
    for (const item of page.items) {
      expect(item).not.toHaveProperty('inputs');
      expect(item).not.toHaveProperty('_id');
      expect(item).not.toHaveProperty('position');
    }
  });

  it('filters to the claim, or to the one program, status and health asked for', async () => {
    expect(await projectIds({ programs: ['g1', 'g3'] })).toEqual(['p1', 'p2', 'p3', 'p5']);
    expect(await projectIds({ programs: ['g1'], programId: 'g1', status: 'active' })).toEqual([
      'p1',
      'p2',
    ]);
    expect(await projectIds({ health: 'amber' })).toEqual(['p3', 'p4']);
  });

  it('sorts by name, by last event and by health worst first (ties by name), either way', async () => {
    expect(await projectIds({ sort: '-name' })).toEqual(['p5', 'p4', 'p3', 'p2', 'p1']);
    expect(await projectIds({ sort: 'lastEventAt' })).toEqual(['p1', 'p3', 'p4', 'p2', 'p5']);
    expect(await projectIds({ sort: 'health' })).toEqual(['p2', 'p3', 'p4', 'p1', 'p5']);
    expect(await projectIds({ sort: '-health' })).toEqual(['p5', 'p1', 'p3', 'p4', 'p2']);
  });

  it('answers the same page as JSON text, byte for byte what JSON.stringify makes of it', async () => {
    const queries: ProjectListQuery[] = [
      everything,
      { ...everything, limit: 2, offset: 1, sort: '-health' },
      { ...everything, programs: ['g1'], programId: 'g1', status: 'active' },
      { ...everything, health: 'unknown', sort: 'lastEventAt' },
      { ...everything, programs: ['nowhere'] },
    ];
    for (const query of queries) {
      const json = await projectSummaryPageJson(store, query, 42);
      expect(json).toBe(JSON.stringify(await projectSummaryPage(store, query, 42)));
    }
    expect(JSON.parse(await projectSummaryPageJson(store, queries[4]!, 3))).toEqual({
      items: [],
      total: 0,
      position: 3,
    });
  });

  it('answers the same from the texts the store keeps beside the summaries, as the projection asks', async () => {
    expect(projectSummaryProjection.jsonViews).toEqual([NOT_IN_SUMMARY_VIEW]);
    const keeping = await SqliteReadStore.open({ path: ':memory:' });
    try {
      await keeping.ensureJsonView(PROJECT_SUMMARIES, NOT_IN_SUMMARY_VIEW);
      await keeping.upsertMany(PROJECT_SUMMARIES, SUMMARIES);
      for (const query of [
        everything,
        { ...everything, limit: 2, offset: 1, sort: '-health' as const },
        { ...everything, programs: ['g1'], programId: 'g1', status: 'active' as const },
      ]) {
        expect(await projectSummaryPageJson(keeping, query, 42)).toBe(
          JSON.stringify(await projectSummaryPage(store, query, 42)),
        );
      }
    } finally {
      await keeping.close();
    }
  });

  it('asks the store for equalities it can answer from an index, and health by its rank', () => {
    expect(projectListFilter(everything)).toEqual({});
    expect(
      projectListFilter({ ...everything, programs: ['g1', 'g2'], status: 'closed', health: 'red' }),
    ).toEqual({ programId: { $in: ['g1', 'g2'] }, status: 'closed', health: 'red' });
    expect(projectListFilter({ ...everything, programs: ['g1'], programId: 'g1' })).toEqual({
      programId: 'g1',
    });
    expect(projectListSort('-lastEventAt')).toEqual([['lastEventAt', 'desc']]);
    expect(projectListSort('-health')).toEqual([
      ['healthRank', 'desc'],
      ['name', 'asc'],
    ]);
  });
});

describe('project list answer bytes (reused until the store changes)', () => {
  const g1Active: ProjectListQuery = { ...everything, programId: 'g1', status: 'active' };

  it('are the JSON text’s bytes, reused for a page asked again, made again after a write', async () => {
    const store = await SqliteReadStore.open({ path: ':memory:' });
    try {
      await store.upsertMany(PROJECT_SUMMARIES, SUMMARIES);
      const reads = jest.spyOn(store, 'findJson');
      const first = await projectSummaryPageBytes(store, g1Active, 42);
      expect(first.toString('utf8')).toBe(await projectSummaryPageJson(store, g1Active, 42));
      reads.mockClear();
      expect(await projectSummaryPageBytes(store, g1Active, 42)).toBe(first);
      expect(reads).not.toHaveBeenCalled();
      // Another position, query or claim is another answer.
      const later = await projectSummaryPageBytes(store, g1Active, 43);
      expect(JSON.parse(later.toString('utf8'))).toMatchObject({ position: 43 });
      const claimed = await projectSummaryPageBytes(store, { ...g1Active, programs: ['g1'] }, 42);
      expect(claimed).not.toBe(first);
      expect(reads).toHaveBeenCalledTimes(2);
      await store.upsertMany(PROJECT_SUMMARIES, [
        { ...SUMMARIES[0]!, position: 8, name: 'Renamed' },
      ]);
      const after = await projectSummaryPageBytes(store, g1Active, 42);
      expect(after.toString('utf8')).toBe(await projectSummaryPageJson(store, g1Active, 42));
      expect(after.toString('utf8')).toContain('"name":"Renamed"');
    } finally {
      await store.close();
    }
  });

  it('are made from the store every time when it tells no change version', async () => {
    const store = await SqliteReadStore.open({ path: ':memory:' });
    try {
      await store.upsertMany(PROJECT_SUMMARIES, SUMMARIES);
      jest.spyOn(store, 'changeVersion').mockResolvedValue(null);
      const reads = jest.spyOn(store, 'findJson');
      const first = await projectSummaryPageBytes(store, g1Active, 42);
      const again = await projectSummaryPageBytes(store, g1Active, 42);
      expect(again.equals(first)).toBe(true);
      expect(reads).toHaveBeenCalledTimes(2);
    } finally {
      await store.close();
    }
  });
});
