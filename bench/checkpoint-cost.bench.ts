/**
 * checkpoint-cost (issue 10 §4: "the checkpointing must not cost the command path more than
 * 5 %"): the same command workloads with the signed-checkpoint writer (LogCheckpointer: follows
 * $all, folds every event hash into the Merkle frontier, signs every 1,000 events or 10 s) on
 * and off, alternating so both see the same machine load.
 *
 * - append-concurrent workload: 64 concurrent CreateProgram commands through the command
 *   executor on a SQLite file, the checkpointer running as the embedded default runs it, in a
 *   worker thread of the process (LogCheckpointerThread), or not; BENCH_CHECKPOINT_PAIRS (8)
 *   pairs, reported as medians, with the main thread's CPU per command (the commands' event
 *   loop) and the pairs' median ratios.
 * - http-commands workload: POST /api/programs with 64 connections against the api in a child
 *   process (bench/support/bench-server.ts), as served (checkpointer on) or with it stopped
 *   after start (BENCH_CHECKPOINTS=off), BENCH_CHECKPOINT_ROUNDS (2) rounds each.
 *
 * ours = with checkpoints, baseline = without; ratio ≥ 0.95 meets the aim.
 *
 * The rates swing with the machine's fsync rate far more than by 5 %, so the cost is also measured
 * as CPU: `BENCH_CHECKPOINT_MODE=on|off|in-process node dist/bench/bench/checkpoint-cost.bench.js`
 * runs the append-concurrent workload once, in one mode (`in-process`: the LogCheckpointer on the
 * commands' own event loop, as the embedded default ran it before it had a thread), and prints
 * the CPU per command of the main thread (the commands' event loop) and of the whole process
 * (every thread); run the modes alternately several times from outside (pairs A B A B …) and
 * compare medians.
 */
import autocannon from 'autocannon';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { LogCheckpointer } from '@ledger/audit';
import { CommandExecutor } from '@ledger/command-path';
import { SqliteCheckpointStore, SqliteEventStore } from '@ledger/event-store';
import { LogCheckpointerThread, type RunningLogCheckpointer } from '@ledger/runtime';
import { perSecond, report, round } from './support/bench-report';
import { benchToken, startBenchServer } from './support/bench-server-process';
import { createProgramsConcurrently } from './support/create-programs';
import { median } from './support/median';
import { mainThreadCpuSeconds } from './support/process-cpu';
import { withTempDir } from './support/temp-dir';

const CONCURRENCY = 64;
/**
 * 20,000 (about a second of commands): the writer's thread costs a one-time start (~10-20 ms of
 * the main thread, then its own warm-up on another core), which a 5,000-command run (a quarter of
 * a second) would weigh as if it were paid per command.
 */
const COMMANDS = Number(process.env.BENCH_CHECKPOINT_COMMANDS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_CHECKPOINT_ROUNDS ?? 2);
/** Pairs of the append workload in `npm run bench` (on and off in turn). */
const APPEND_PAIRS = Number(process.env.BENCH_CHECKPOINT_PAIRS ?? 8);
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);

type CheckpointerMode = 'on' | 'off' | 'in-process';

async function appendConcurrent(mode: CheckpointerMode): Promise<number> {
  return withTempDir('checkpoint-cost', async (dir) => {
    const path = join(dir, 'events.sqlite');
    const store = await SqliteEventStore.open({ path });
    const kept = await SqliteCheckpointStore.open({ path });
    const schedule = {
      signingKey: generateKeyPairSync('ed25519').privateKey,
      everyEvents: 1000,
      everySeconds: 10,
    };
    const checkpointer: RunningLogCheckpointer | undefined =
      mode === 'on'
        ? new LogCheckpointerThread({ path, ...schedule })
        : mode === 'in-process'
          ? new LogCheckpointer({ eventStore: store, checkpoints: kept, ...schedule })
          : undefined;
    await checkpointer?.start();
    const executor = new CommandExecutor(store);
    const started = process.hrtime.bigint();
    await createProgramsConcurrently(executor, COMMANDS, CONCURRENCY);
    const rate = perSecond(COMMANDS, started);
    await checkpointer?.stop();
    // The writer follows the log off the command path: at stop it signs what it has read.
    if (checkpointer && ((await kept.latest())?.size ?? 0) === 0)
      throw new Error('checkpoint-cost: the checkpointer signed nothing while the commands ran');
    await kept.close();
    await store.close();
    return rate;
  });
}

async function httpCommands(checkpoints: boolean): Promise<autocannon.Result> {
  return withTempDir('checkpoints', async (dataDir) => {
    const server = await startBenchServer(dataDir, {
      RATE_LIMIT_PER_MINUTE: '10000000',
      BENCH_CHECKPOINTS: checkpoints ? 'on' : 'off',
    });
    try {
      const token = await benchToken('bench', ['pmo']);
      const result = await autocannon({
        url: `${server.base}/api/programs`,
        method: 'POST',
        connections: CONCURRENCY,
        duration: HTTP_SECONDS,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'RAN North', customerId: 'cust-1', customerName: 'Telco' }),
      });
      if (result.non2xx > 0) throw new Error(`${result.non2xx} commands failed`);
      return result;
    } finally {
      await server.stop();
    }
  });
}

/** One run of the append-concurrent workload: its rate and CPU per command (µs). */
interface AppendRun {
  readonly commandsPerSecond: number;
  readonly mainThreadCpuPerCommand: number;
  readonly cpuPerCommand: number;
}

async function measuredAppendConcurrent(mode: CheckpointerMode): Promise<AppendRun> {
  const cpuBefore = process.cpuUsage();
  const mainThreadBefore = mainThreadCpuSeconds();
  const commandsPerSecond = await appendConcurrent(mode);
  const cpu = process.cpuUsage(cpuBefore);
  const mainThread = mainThreadCpuSeconds() - mainThreadBefore;
  return {
    commandsPerSecond,
    mainThreadCpuPerCommand: (mainThread * 1e6) / COMMANDS,
    cpuPerCommand: (cpu.user + cpu.system) / COMMANDS,
  };
}

export async function run(): Promise<void> {
  // The append workload in APPEND_PAIRS alternating pairs (on then off, off then on, …): its
  // rate follows the disk's fsync rate from one second to the next, so one round each says
  // little; the medians of the pairs' ratios are the figures.
  const pairs: Array<{ on: AppendRun; off: AppendRun }> = [];
  for (let pair = 0; pair < APPEND_PAIRS; pair += 1) {
    const first = pair % 2 === 0 ? 'on' : 'off';
    const a = await measuredAppendConcurrent(first);
    const b = await measuredAppendConcurrent(first === 'on' ? 'off' : 'on');
    pairs.push(first === 'on' ? { on: a, off: b } : { on: b, off: a });
  }
  const http = { on: [] as number[], off: [] as number[] };
  for (let round_ = 0; round_ < ROUNDS; round_ += 1) {
    for (const on of round_ % 2 === 0 ? [true, false] : [false, true])
      (on ? http.on : http.off).push((await httpCommands(on)).requests.average);
  }
  const of = (side: 'on' | 'off', key: keyof AppendRun) => pairs.map((p) => p[side][key]);
  const pairRatio = (key: keyof AppendRun) => median(pairs.map((p) => p.on[key] / p.off[key]));
  report({
    bench: 'checkpoint-cost-append-concurrent',
    ours: round(median(of('on', 'commandsPerSecond'))),
    baseline: round(median(of('off', 'commandsPerSecond'))),
    unit: 'commands/s (medians of the pairs)',
    size: COMMANDS,
    sizeUnit: 'commands',
    pairs: APPEND_PAIRS,
    pairRatioMedian: round(pairRatio('commandsPerSecond'), 3),
    mainThreadCpuPerCommand: {
      on: round(median(of('on', 'mainThreadCpuPerCommand'))),
      off: round(median(of('off', 'mainThreadCpuPerCommand'))),
      pairRatioMedian: round(pairRatio('mainThreadCpuPerCommand'), 3),
    },
    processCpuPerCommand: {
      on: round(median(of('on', 'cpuPerCommand'))),
      off: round(median(of('off', 'cpuPerCommand'))),
    },
    withCheckpoints: of('on', 'commandsPerSecond').map((rate) => round(rate)),
    withoutCheckpoints: of('off', 'commandsPerSecond').map((rate) => round(rate)),
  });
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  report({
    bench: 'checkpoint-cost-http-commands',
    ours: round(mean(http.on)),
    baseline: round(mean(http.off)),
    unit: 'requests/s',
    size: HTTP_SECONDS,
    sizeUnit: 'seconds of load',
    rounds: ROUNDS,
    withCheckpoints: http.on.map((rate) => round(rate)),
    withoutCheckpoints: http.off.map((rate) => round(rate)),
  });
}

/** One mode of the append-concurrent workload in this process, for CPU figures in pairs. */
async function runOneMode(mode: CheckpointerMode): Promise<void> {
  const measured = await measuredAppendConcurrent(mode);
  // Printed, not recorded: one mode alone has no baseline, so it stays out of latest.jsonl.
  console.log(
    JSON.stringify({
      bench: `checkpoint-cost-append-concurrent-${mode}`,
      commandsPerSecond: round(measured.commandsPerSecond),
      commands: COMMANDS,
      mainThreadCpuMicrosecondsPerCommand: round(measured.mainThreadCpuPerCommand),
      cpuMicrosecondsPerCommand: round(measured.cpuPerCommand),
    }),
  );
}

if (require.main === module) {
  const mode = process.env.BENCH_CHECKPOINT_MODE;
  void (mode === 'on' || mode === 'off' || mode === 'in-process' ? runOneMode(mode) : run());
}
