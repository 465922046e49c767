/**
 * A realistic, deterministic delivery history for benchmarks and tests: programs with their
 * frame contracts, and projects living through set-up, baseline, Sell→Execute, months of
 * progress and cost reports, change requests through decision, risks, complaints and H&S
 * incidents (some with a CAPA), exposure hours, acceptances with PAC/FAC, Delivery→Care and
 * closure.
 *
 * Every event is appended by the real CommandExecutor from commands the deciders accept, with the
 * api's reactions, so the log holds exactly what production writes (envelope, hash chain,
 * metadata). The same seed and profile give the same commands, event data, business times,
 * recordedAt, correlation ids and order (checked: two runs of 8,000 events compared equal).
 * Event ids of commands without an Idempotency-Key are random UUIDs, as in production, so event
 * ids, hashes and what derives from an event id (a reaction's commandId) differ between runs.
 *
 * `deliveryHistoryLog()` caches the SQLite log in the OS temp dir, keyed by generator version,
 * event schema versions, profile, seed and size, and generates it in a child process (so the
 * benchmark's own memory figures start clean).
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGGREGATES } from '@ledger/domain';
import { CommandExecutor } from '@ledger/command-path';
import { SqliteEventStore, type EventStore } from '@ledger/event-store';
import { Rng, Scheduler, SimulatedClock } from './delivery-simulation';
import {
  Office,
  projectStory,
  startProgram,
  type DeliveryProfile,
  type HistoryCounters,
  type ProgramInfo,
} from './delivery-stories';

export type { DeliveryProfile } from './delivery-stories';

/** Bump when the stories change what they write: cached logs of other versions are not used. */
export const DELIVERY_HISTORY_VERSION = 2;

/** Day 0 of every history. */
const START_DATE = '2023-01-02';

/**
 * Full projects (~270 events each when they run to closure, ~115 of them on the project
 * stream): the rebuild benchmarks. 1.5 new projects a day and ~520 days per project: the
 * 200,000-event history spans 700 days and holds 1,049 projects in every phase, 302 of them
 * closed (seed 1); a 50,000-event one spans 270 days, before any project closes.
 */
export const FULL_DELIVERY: DeliveryProfile = {
  name: 'full',
  projectsPerProgram: 8,
  concurrentPrograms: 12,
  projectStartsPerDay: 1.5,
  team: 4,
  stakeholders: 3,
  scopeItems: 6,
  checklist: 'typical',
  months: 12,
  costsPerMonth: 2,
  sites: 3,
  changeRequests: 4,
  risks: 5,
  complaints: 0.8,
  incidents: 0.6,
  acceptances: 3,
  warrantyMonths: 3,
};

/**
 * Many light projects (~28 events to closure, ~25 days: no months of execution, short
 * checklists, final acceptance waived): a portfolio for list queries. With 150 new projects a
 * day, the 10,000-project history (seed 1) is 234,584 events; 3,700 projects are active.
 */
export const PORTFOLIO: DeliveryProfile = {
  name: 'portfolio',
  projectsPerProgram: 200,
  concurrentPrograms: 50,
  projectStartsPerDay: 150,
  team: 1,
  stakeholders: 1,
  scopeItems: 3,
  checklist: 'short',
  months: 0,
  costsPerMonth: 0,
  sites: 0,
  changeRequests: 0,
  risks: 0,
  complaints: 0,
  incidents: 0,
  acceptances: 0,
  warrantyMonths: 0,
};

/**
 * Short projects that still live through every phase (set-up to closure, acceptance with PAC and
 * FAC, complaints, incidents, change requests, risks), two programs' worth: for the specs that
 * want every read model and public event type exercised by a few thousand events in seconds.
 */
export const COMPACT_DELIVERY: DeliveryProfile = {
  ...FULL_DELIVERY,
  name: 'compact',
  projectsPerProgram: 4,
  concurrentPrograms: 2,
  projectStartsPerDay: 0.1,
  team: 1,
  stakeholders: 1,
  scopeItems: 3,
  checklist: 'short',
  months: 2,
  costsPerMonth: 1,
  sites: 1,
  changeRequests: 2,
  risks: 2,
  complaints: 1,
  incidents: 1,
  acceptances: 1,
  warrantyMonths: 1,
};

export interface DeliveryHistoryOptions {
  readonly profile: DeliveryProfile;
  readonly seed: number;
  /** Stop once this many events were appended (projects in flight stop where they are). */
  readonly maxEvents?: number;
  /** Stop at the end of the day the this-many-th project was created. */
  readonly maxProjects?: number;
  /** Called about every `progressEveryMs` (default 5 s) while generating. */
  readonly onProgress?: (stats: DeliveryHistoryStats) => void;
  readonly progressEveryMs?: number;
}

export interface DeliveryHistoryStats {
  readonly events: number;
  readonly commands: number;
  readonly programs: number;
  readonly projects: number;
  readonly closedProjects: number;
  readonly days: number;
  readonly eventTypes: Readonly<Record<string, number>>;
}

/**
 * The clock a history's store should use for recordedAt, shared with the executor's clock.
 * `openStore` gets it so it can pass `clock: () => clock.now()` to its adapter.
 */
export function historyClock(): SimulatedClock {
  return new SimulatedClock(START_DATE);
}

/**
 * Appends a delivery history to `store` through the real command path. `clock` should be the
 * one the store stamps recordedAt with (see historyClock), so both follow the story.
 */
export async function generateDeliveryHistory(
  store: EventStore,
  clock: SimulatedClock,
  options: DeliveryHistoryOptions,
): Promise<DeliveryHistoryStats> {
  const { profile } = options;
  const maxEvents = options.maxEvents ?? Number.POSITIVE_INFINITY;
  const maxProjects = options.maxProjects ?? Number.POSITIVE_INFINITY;
  if (!Number.isFinite(maxEvents) && !Number.isFinite(maxProjects)) {
    throw new RangeError('give maxEvents or maxProjects');
  }
  const counters: HistoryCounters = {
    events: 0,
    commands: 0,
    programs: 0,
    projects: 0,
    closedProjects: 0,
    eventTypes: new Map(),
  };
  const scheduler = new Scheduler(clock);
  const executor = new CommandExecutor(store, { clock: () => clock.now() });
  const office = new Office(executor, scheduler, clock, counters, maxEvents);
  const root = new Rng(options.seed);
  const snapshot = (): DeliveryHistoryStats => ({
    events: counters.events,
    commands: counters.commands,
    programs: counters.programs,
    projects: counters.projects,
    closedProjects: counters.closedProjects,
    days: clock.day,
    eventTypes: Object.fromEntries([...counters.eventTypes].sort(([a], [b]) => a.localeCompare(b))),
  });

  // The portfolio: projects start at a steady rate, dealt out round-robin to the programs of
  // the current cohort; a program is created (with its frame contract) just before its first.
  scheduler.spawn(async () => {
    const programs = new Map<number, ProgramInfo>();
    const cohort = profile.concurrentPrograms * profile.projectsPerProgram;
    for (let n = 0; n < maxProjects; n++) {
      await scheduler.until(Math.floor(n / profile.projectStartsPerDay));
      const programIndex =
        Math.floor(n / cohort) * profile.concurrentPrograms + (n % profile.concurrentPrograms);
      let program = programs.get(programIndex);
      if (!program) {
        program = await startProgram(office, root.fork(1_000_000_000 + programIndex), programIndex);
        programs.set(programIndex, program);
      }
      const rng = root.fork(n);
      const theProgram = program;
      scheduler.spawn(() => projectStory(office, rng, theProgram, n, profile));
    }
    scheduler.stopAfterToday();
  });

  let lastProgress = Date.now();
  await scheduler.run(() => {
    if (counters.events >= maxEvents) scheduler.stop();
    if (options.onProgress && Date.now() - lastProgress >= (options.progressEveryMs ?? 5000)) {
      lastProgress = Date.now();
      options.onProgress(snapshot());
    }
  });
  return snapshot();
}

export interface DeliveryHistoryLog {
  /** The SQLite event log; open it read-only in spirit (it is shared between runs). */
  readonly path: string;
  /** True when it came from the cache (generated by an earlier run). */
  readonly cached: boolean;
  /** How long generation took (when it ran; for a cached log, when it was made). */
  readonly generationSeconds: number;
  readonly stats: DeliveryHistoryStats;
}

interface CacheRecord {
  readonly generationSeconds: number;
  readonly generatedAt: string;
  readonly stats: DeliveryHistoryStats;
}

/** Where a history lives in the cache: the key names everything that shapes its events. */
export function deliveryHistoryCachePath(options: DeliveryHistoryOptions): string {
  const schemaVersions = AGGREGATES.map((aggregate) => [aggregate.name, aggregate.schemaVersions]);
  const key = createHash('sha256')
    .update(JSON.stringify({ schemaVersions, profile: options.profile }))
    .digest('hex')
    .slice(0, 10);
  const size =
    options.maxEvents !== undefined ? `${options.maxEvents}ev` : `${options.maxProjects}pr`;
  return join(
    tmpdir(),
    'delivery-ledger-bench',
    `delivery-history-v${DELIVERY_HISTORY_VERSION}-${options.profile.name}-${key}-seed${options.seed}-${size}.sqlite`,
  );
}

/**
 * The history as a SQLite log file: from the cache, or generated now (in a child process, with
 * progress on stderr) and cached for the next run.
 */
export async function deliveryHistoryLog(
  options: Omit<DeliveryHistoryOptions, 'onProgress'>,
): Promise<DeliveryHistoryLog> {
  const path = deliveryHistoryCachePath(options);
  const recordPath = `${path}.json`;
  if (existsSync(path) && existsSync(recordPath)) {
    const record = JSON.parse(readFileSync(recordPath, 'utf8')) as CacheRecord;
    return { path, cached: true, generationSeconds: record.generationSeconds, stats: record.stats };
  }
  await new Promise<void>((resolve, reject) => {
    const child = fork(__filename, ['--generate', JSON.stringify(options)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`delivery history generation exited with ${code}`)),
    );
  });
  const record = JSON.parse(readFileSync(recordPath, 'utf8')) as CacheRecord;
  return { path, cached: false, generationSeconds: record.generationSeconds, stats: record.stats };
}

/** Generates into a private file, then moves it (and its record) into the cache. */
async function generateIntoCache(options: DeliveryHistoryOptions): Promise<void> {
  const path = deliveryHistoryCachePath(options);
  mkdirSync(join(path, '..'), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  rmSync(partial, { force: true });
  const clock = historyClock();
  const store = await SqliteEventStore.open({ path: partial, clock: () => clock.now() });
  const target =
    options.maxEvents !== undefined
      ? `${options.maxEvents.toLocaleString('en')} events`
      : `${options.maxProjects?.toLocaleString('en')} projects`;
  process.stderr.write(
    `delivery history: generating ${target} (profile ${options.profile.name}, seed ${options.seed}) through the command path…\n`,
  );
  const started = process.hrtime.bigint();
  const stats = await generateDeliveryHistory(store, clock, {
    ...options,
    onProgress: (now) =>
      process.stderr.write(
        `delivery history: day ${now.days}, ${now.events.toLocaleString('en')} events, ${now.projects.toLocaleString('en')} projects (${now.closedProjects.toLocaleString('en')} closed), ${Math.round(Number(process.hrtime.bigint() - started) / 1e9)} s\n`,
      ),
  });
  await store.close();
  const generationSeconds = Math.round(Number(process.hrtime.bigint() - started) / 1e8) / 10;
  const record: CacheRecord = { generationSeconds, generatedAt: new Date().toISOString(), stats };
  writeFileSync(`${partial}.json`, JSON.stringify(record, null, 2));
  renameSync(partial, path);
  renameSync(`${partial}.json`, `${path}.json`);
  process.stderr.write(
    `delivery history: ${stats.events.toLocaleString('en')} events, ${stats.projects.toLocaleString('en')} projects in ${generationSeconds} s; cached at ${path}\n`,
  );
}

if (require.main === module && process.argv[2] === '--generate') {
  generateIntoCache(JSON.parse(process.argv[3] ?? '{}') as DeliveryHistoryOptions).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
