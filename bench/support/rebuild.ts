/**
 * What the rebuild benchmarks share: the real ProjectionEngine over every read model, the raw
 * read it is compared with, and memory sampling.
 */
import type { EventStore, RecordedEvent } from '@ledger/event-store';
import { ProjectionEngine, READ_MODELS } from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';
import { round } from './bench-report';
import type { DeliveryHistoryLog } from '@ledger/delivery-history';

const MIB = 1024 * 1024;

/**
 * Peak resident memory over a phase: sampled on a 20 ms timer and at every batch read (the
 * engine's catch-up and the raw loop resolve promises without yielding to timers), plus the
 * process's high-water mark from the kernel (maxRSS, which never goes down).
 */
export class RssSampler {
  private peak = 0;
  private readonly before = process.memoryUsage.rss();
  private readonly timer = setInterval(() => this.sample(), 20);

  sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }

  stop(): { rssBeforeMiB: number; peakRssMiB: number; maxRssMiB: number } {
    clearInterval(this.timer);
    this.sample();
    return {
      rssBeforeMiB: round(this.before / MIB),
      peakRssMiB: round(this.peak / MIB),
      maxRssMiB: round(process.resourceUsage().maxRSS / 1024),
    };
  }
}

/**
 * `target` with some methods replaced; every other member is the target's own (bound), so the
 * wrapper keeps up with ports that grow.
 */
export function delegate<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, property) {
      if (Object.prototype.hasOwnProperty.call(overrides, property)) {
        return (overrides as Record<PropertyKey, unknown>)[property];
      }
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(object)
        : value;
    },
  });
}

/** The same store, sampling memory at every readAll (once per batch, in both phases). */
export function sampledEventStore(store: EventStore, sampler: { sample(): void }): EventStore {
  return delegate(store, {
    readAll: async (options) => {
      const events = await store.readAll(options);
      sampler.sample();
      return events;
    },
  });
}

/** The baseline: every event of the log through readAll in batches of `batch`, nothing else. */
export async function readWholeLog(store: EventStore, batch: number): Promise<number> {
  let after = 0;
  let count = 0;
  for (;;) {
    const events: RecordedEvent[] = await store.readAll({ after, maxCount: batch });
    if (events.length === 0) return count;
    count += events.length;
    after = events[events.length - 1]!.position;
  }
}

/**
 * Every read model (READ_MODELS) rebuilt from position 0 into `readStore` by the real engine:
 * start, wait until every checkpoint reached `head`, stop. Resolves with the seconds from
 * start to caught up (stopping is not counted). With `label`, says how far it got on stderr
 * every 10 s (when the event loop gets to its timers: a SQLite catch-up rarely lets it).
 */
export async function rebuildReadModels(
  eventStore: EventStore,
  readStore: ReadStore,
  head: number,
  options: { readonly batchSize?: number; readonly label?: string } = {},
): Promise<number> {
  const { batchSize, label } = options;
  const engine = new ProjectionEngine({
    eventStore,
    readStore,
    projections: READ_MODELS,
    ...(batchSize === undefined ? {} : { batchSize }),
  });
  const started = process.hrtime.bigint();
  const progress =
    label === undefined
      ? undefined
      : setInterval(() => {
          const reached = Math.min(...Object.values(engine.positions()));
          const seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e9);
          process.stderr.write(
            `${label}: rebuilt up to position ${reached.toLocaleString('en')} of ${head.toLocaleString('en')} (${Math.floor((100 * reached) / head)} %), ${seconds} s\n`,
          );
        }, 10_000);
  await engine.start();
  try {
    await engine.waitForPosition(head, 6 * 60 * 60 * 1000);
  } finally {
    clearInterval(progress);
    await engine.stop();
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Documents per read-model collection. */
export async function documentCounts(readStore: ReadStore): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { collection } of READ_MODELS) counts[collection] = await readStore.count(collection);
  return counts;
}

/** One line on stderr about where the history came from (generation is not part of a measure). */
export function announceHistory(bench: string, history: DeliveryHistoryLog): void {
  const { stats } = history;
  const what = `${stats.events.toLocaleString('en')} events, ${stats.projects.toLocaleString('en')} projects (${stats.closedProjects.toLocaleString('en')} closed), ${stats.programs} programs`;
  process.stderr.write(
    history.cached
      ? `${bench}: delivery history from the cache (${what}; generated earlier in ${history.generationSeconds} s): ${history.path}\n`
      : `${bench}: delivery history generated in ${history.generationSeconds} s (${what}), now cached: ${history.path}\n`,
  );
}

/** What the JSON line says about the history. */
export function historyFields(history: DeliveryHistoryLog): Record<string, unknown> {
  return {
    projects: history.stats.projects,
    closedProjects: history.stats.closedProjects,
    programs: history.stats.programs,
    generation: {
      cached: history.cached,
      seconds: history.generationSeconds,
    },
  };
}
