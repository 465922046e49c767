/**
 * `npm run bench`: every benchmark in turn, each printing one JSON line
 * `{"bench", "ours", "baseline", "unit", "ratio", ...}`. Pass names to run a subset:
 * `npm run bench -- append-batched http-commands`. `--chart` draws docs/bench-scale.svg from
 * bench/results/latest.jsonl (alone: only the chart; with names: after running them).
 *
 * The rebuild and query benchmarks read a delivery history generated through the command path
 * and cached in the OS temp dir (libs/delivery-history/src/delivery-history.ts): the first run generates it,
 * which takes minutes and is reported apart from the measures. rebuild-mongodb skips, saying so,
 * unless MONGODB_URI is set.
 */
import { run as appendBatched } from './append-batched.bench';
import { run as appendConcurrent } from './append-concurrent.bench';
import { run as asOfReplay } from './as-of-replay.bench';
import { run as checkpointCost } from './checkpoint-cost.bench';
import { run as commandLongStream } from './command-long-stream.bench';
import { run as appendSmallBatched } from './append-small-batched.bench';
import { run as appendSmallConcurrent } from './append-small-concurrent.bench';
import { run as evidenceExport } from './export.bench';
import { run as feedCatchUp } from './feed-catch-up';
import { run as feedFanOut } from './feed-fan-out';
import { run as httpCommands } from './http-commands.bench';
import { run as projectorLag } from './projector-lag.bench';
import { run as queryProjectList } from './query-project-list';
import { run as rebuildEmbedded } from './rebuild-embedded';
import { run as rebuildMongodb } from './rebuild-mongodb';
import { run as webhookThroughput } from './webhook-throughput.bench';
import { run as verifyAll } from './verify-all.bench';
import { join } from 'node:path';
import { RESULTS_FILE } from './support/bench-report';
import { writeScaleChart } from './support/scale-chart';

const BENCHES: Record<string, () => Promise<void>> = {
  'append-batched': appendBatched,
  'append-concurrent': appendConcurrent,
  'append-small-batched': appendSmallBatched,
  'append-small-concurrent': appendSmallConcurrent,
  export: evidenceExport,
  'http-commands': httpCommands,
  'command-long-stream': commandLongStream,
  'projector-lag': projectorLag,
  'rebuild-embedded': rebuildEmbedded,
  'rebuild-mongodb': rebuildMongodb,
  'query-project-list': queryProjectList,
  'verify-all': verifyAll,
  'as-of-replay': asOfReplay,
  'checkpoint-cost': checkpointCost,
  'feed-catch-up': feedCatchUp,
  'feed-fan-out': feedFanOut,
  'webhook-throughput': webhookThroughput,
};

/** Where `--chart` draws bench/results/latest.jsonl (linked from docs/BENCHMARKS.md). */
const SCALE_CHART = join(process.cwd(), 'docs', 'bench-scale.svg');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // `--chart` alone draws the chart from the results already recorded; with names, after them.
  const chart = args.includes('--chart');
  const wanted = args.filter((arg) => arg !== '--chart');
  const unknown = wanted.filter((name) => !(name in BENCHES));
  if (unknown.length > 0)
    throw new Error(
      `unknown bench(es): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`,
    );
  if (!chart || wanted.length > 0) {
    for (const [name, bench] of Object.entries(BENCHES)) {
      if (wanted.length === 0 || wanted.includes(name)) await bench();
    }
  }
  if (chart) {
    const benches = writeScaleChart(RESULTS_FILE, SCALE_CHART);
    console.error(`scale chart: ${benches} bench(es) with a size drawn into ${SCALE_CHART}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
