/**
 * query-project-list: GET /api/projects?programId=…&status=active&limit=20&offset=… (the
 * filtered, paged project list) over 10,000 project summaries (BENCH_QUERY_PROJECTS), with 64 autocannon connections
 * cycling through every program and every page of its active projects, vs the same server
 * answering a no-op GET route registered on Fastify only for the benchmark (the same baseline
 * http-commands uses, as a GET: it pays HTTP parsing and Fastify's hooks, nothing of ours).
 *
 * The portfolio (50 programs, 10,000 projects in every phase, 3,700 of them active) is generated
 * through the command path and cached; its read models are rebuilt with the real engine into the
 * server's DATA_DIR before the server starts, so the server only answers queries while measured.
 * The server runs in a child process so that autocannon does not share its event loop.
 *
 * No command runs while it is measured, so the server may reuse its answers: the project list
 * keeps each page's bytes until the read store changes (project-summary.query.ts, at most
 * 8 MiB). At 10,000 projects (200 pages) nearly every request after the first round is a kept
 * answer, the read-mostly case; at 100,000 (2,000 pages, ~340 of them kept) most are made from
 * the store. Above BENCH_QUERY_HISTORY_PROJECTS the summaries are copies (copySummaries): that
 * measures the list over a collection of that size, not a log, projector or other read models
 * of that size. The copies are written through upsertMany on the rebuilt collection, so each
 * gets its kept list text (ReadStore.ensureJsonView) as the projector would write it.
 *
 * The baseline answers ~40 bytes where a page is ~24 KB: the ratio also charges the list for
 * sending its answer (the socket writes were 13-16 % of the server's CPU in its profiles).
 *
 * The framework floor (FrameworkFloorModule, reported as `frameworkFloor`): the same requests to
 * a twin of the route with its guards, query DTO, cross-field rules and program scope, answering
 * one page of median size (`floorPageBytes`) read once from a file: the list with no store and
 * no check of what changed. `floorRatio` (floor / no-op) is the most any list could score.
 */
import autocannon from 'autocannon';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { PROJECT_SUMMARIES, type ProjectSummary } from '@ledger/projections';
import { SqliteReadStore } from '@ledger/read-store';
import { report, round } from './support/bench-report';
import { benchToken, startBenchServer } from './support/bench-server-process';
import { frameworkFloor } from './support/framework-floor';
import { waitForReactor } from './support/reactor-settled';
import { deliveryHistoryLog, PORTFOLIO, Rng } from '@ledger/delivery-history';

import { announceHistory, historyFields, rebuildReadModels } from './support/rebuild';

/** The project summaries the list is served from. */
const PROJECTS = Number(process.env.BENCH_QUERY_PROJECTS ?? 10_000);
/**
 * How many of them are generated through the command path (at most PROJECTS). Generating runs
 * at ~1,000 events/s: the 10,000-project history takes minutes, a 100,000-project one (2.3M
 * events) hours. Above it, the generated summaries are copied under new project, program and
 * contract ids (see copySummaries) until PROJECTS documents are served.
 */
const HISTORY_PROJECTS = Math.min(
  PROJECTS,
  Number(process.env.BENCH_QUERY_HISTORY_PROJECTS ?? 10_000),
);
const SEED = Number(process.env.BENCH_HISTORY_SEED ?? 1);
const CONNECTIONS = 64;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const PAGE = 20;

/** Every page of every program's active projects, shuffled (seeded). */
async function listPaths(dataDir: string): Promise<{ paths: string[]; active: number }> {
  const store = await SqliteReadStore.open({ path: join(dataDir, 'read.sqlite') });
  try {
    const active = await store.find<ProjectSummary>(PROJECT_SUMMARIES, { status: 'active' });
    const perProgram = new Map<string, number>();
    for (const { programId } of active)
      perProgram.set(programId, (perProgram.get(programId) ?? 0) + 1);
    const paths: string[] = [];
    for (const [programId, count] of perProgram) {
      for (let offset = 0; offset < count; offset += PAGE) {
        paths.push(
          `/api/projects?programId=${programId}&status=active&limit=${PAGE}&offset=${offset}`,
        );
      }
    }
    const rng = new Rng(SEED);
    for (let i = paths.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [paths[i], paths[j]] = [paths[j]!, paths[i]!];
    }
    return { paths, active: active.length };
  } finally {
    await store.close();
  }
}

/**
 * Brings the read store to `projects` summaries by copying the generated ones under new ids:
 * copy n of project p of program g is project `p-cn` of program `g-cn` (contract likewise), so
 * the portfolio's shape (programs of at most 200 projects, 37 % active) holds at any size. Only
 * the list's documents are copied; the log stays the generated one (a list query never reads it).
 */
async function copySummaries(dataDir: string, projects: number): Promise<void> {
  const store = await SqliteReadStore.open({ path: join(dataDir, 'read.sqlite') });
  try {
    const generated = await store.find<ProjectSummary>(PROJECT_SUMMARIES);
    for (let copy = 1, made = generated.length; made < projects; copy++) {
      const batch = generated.slice(0, projects - made).map((summary) => ({
        ...summary,
        _id: `${summary._id}-c${copy}`,
        projectId: `${summary.projectId}-c${copy}`,
        programId: `${summary.programId}-c${copy}`,
        contractId: `${summary.contractId}-c${copy}`,
      }));
      for (let at = 0; at < batch.length; at += 1000) {
        await store.upsertMany(PROJECT_SUMMARIES, batch.slice(at, at + 1000));
      }
      made += batch.length;
    }
  } finally {
    await store.close();
  }
}

async function headOf(dataDir: string): Promise<number> {
  const log = await SqliteEventStore.open({ path: join(dataDir, 'events.sqlite') });
  try {
    return await log.headPosition();
  } finally {
    await log.close();
  }
}

function load(base: string, token: string, paths: readonly string[]): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { authorization: `Bearer ${token}` },
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }),
      },
    ],
  });
}

/** The page the list's framework floor answers (FrameworkFloorModule), in the server's DATA_DIR. */
const floorPageFile = (dataDir: string): string => join(dataDir, 'floor-page.json');

/** The same list request, to the framework floor's twin of the route. */
const floorPath = (path: string): string =>
  path.replace('/api/projects?', '/bench/floor/projects?');

/** Pages asked for before the floor is loaded, to choose the page it answers. */
const FLOOR_SAMPLE = 25;

/**
 * Writes the page the framework floor answers: of FLOOR_SAMPLE pages spread over `paths`, the
 * one of median size (the floor then sends what a typical page weighs). Resolves with its bytes.
 */
async function writeFloorPage(
  base: string,
  token: string,
  paths: readonly string[],
  file: string,
): Promise<number> {
  const pages: Buffer[] = [];
  const step = Math.max(1, Math.floor(paths.length / FLOOR_SAMPLE));
  for (let at = 0; at < paths.length && pages.length < FLOOR_SAMPLE; at += step) {
    const answer = await fetch(`${base}${paths[at]}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (answer.status !== 200) throw new Error(`the project list answered ${answer.status}`);
    pages.push(Buffer.from(await answer.arrayBuffer()));
  }
  pages.sort((a, b) => a.length - b.length);
  const median = pages[Math.floor(pages.length / 2)]!;
  writeFileSync(file, median);
  return median.length;
}

export async function run(): Promise<void> {
  const history = await deliveryHistoryLog({
    profile: PORTFOLIO,
    seed: SEED,
    maxProjects: HISTORY_PROJECTS,
  });
  announceHistory('query-project-list', history);

  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-query-'));
  try {
    // The server's own files: a copy of the log, and read models rebuilt up to its head.
    copyFileSync(history.path, join(dataDir, 'events.sqlite'));
    const log = await SqliteEventStore.open({ path: join(dataDir, 'events.sqlite') });
    const readStore = await SqliteReadStore.open({ path: join(dataDir, 'read.sqlite') });
    const projectionSeconds = await rebuildReadModels(log, readStore, await log.headPosition(), {
      label: 'query-project-list',
    });
    await readStore.close();
    await log.close();
    if (PROJECTS > HISTORY_PROJECTS) await copySummaries(dataDir, PROJECTS);
    const { paths, active } = await listPaths(dataDir);

    const server = await startBenchServer(dataDir, {
      // One token drives the whole run: measure the server, not the per-caller rate limit.
      RATE_LIMIT_PER_MINUTE: '10000000',
      BENCH_FLOOR_PAGE_FILE: floorPageFile(dataDir),
    });
    try {
      const { base } = server;
      const token = await benchToken('bench', ['pmo']);

      // The server's reactor re-drives the log's reactions from its own checkpoint at start (a
      // fresh DATA_DIR has none): measure once it has caught up, as a running system would be.
      const settleStarted = process.hrtime.bigint();
      await waitForReactor('query-project-list', base, await headOf(dataDir));
      const settleSeconds = Number(process.hrtime.bigint() - settleStarted) / 1e9;

      // One page answered as expected before anything is measured.
      const probe = await fetch(`${base}${paths[0]}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const page = (await probe.json()) as { items?: unknown[]; total?: number };
      if (probe.status !== 200 || !Array.isArray(page.items) || page.items.length === 0) {
        throw new Error(`the project list answered ${probe.status}: ${JSON.stringify(page)}`);
      }

      const noop = await load(base, token, ['/bench/noop']);
      const floorPageBytes = await writeFloorPage(base, token, paths, floorPageFile(dataDir));
      const floor = await load(base, token, paths.map(floorPath));
      if (floor.non2xx > 0) throw new Error(`${floor.non2xx} floor requests were refused`);
      const queries = await load(base, token, paths);
      if (queries.non2xx > 0) throw new Error(`${queries.non2xx} queries were refused`);
      report({
        bench: 'query-project-list',
        ours: round(queries.requests.average),
        baseline: round(noop.requests.average),
        unit: 'requests/s',
        size: PROJECTS,
        sizeUnit: 'projects',
        // Of the `size` summaries served, how many came from the generated history (the rest
        // are copies of them under new ids).
        generatedProjects: HISTORY_PROJECTS,
        connections: CONNECTIONS,
        seconds: DURATION_S,
        p50Ms: queries.latency.p50,
        p99Ms: queries.latency.p99,
        baselineP50Ms: noop.latency.p50,
        baselineP99Ms: noop.latency.p99,
        ...frameworkFloor(floor, noop, queries),
        floorPageBytes,
        // Requests still unanswered after autocannon's 10 s timeout (counted apart from the rate).
        timeouts: queries.timeouts,
        errors: queries.errors,
        activeProjects: active,
        pages: paths.length,
        avgResponseBytes: Math.round(
          queries.throughput.total / Math.max(1, queries.requests.total),
        ),
        events: history.stats.events,
        projectionSeconds: round(projectionSeconds, 2),
        reactorSettleSeconds: round(settleSeconds, 1),
        ...historyFields(history),
      });
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) void run();
