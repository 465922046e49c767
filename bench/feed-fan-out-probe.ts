/**
 * Loaded into feed-fan-out's server process (`--require`, through NODE_OPTIONS) to measure it from
 * inside: how long its event loop was blocked (perf_hooks' monitorEventLoopDelay) and where its
 * memory is (process.memoryUsage: V8 heap, external/ArrayBuffers off the heap, the rest of RSS),
 * sampled once a second. The bench asks over the fork's IPC channel; the server answers nothing
 * else there, so the probe changes none of what is measured.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** What the bench sends to reset the figures at the start of the measured stretch. */
export const PROBE_START = 'feed-fan-out-probe:start';
/** What the bench sends to read the figures at its end; answered with a ProbeReport. */
export const PROBE_READ = 'feed-fan-out-probe:read';

export interface MemorySample {
  readonly atSeconds: number;
  readonly rssMiB: number;
  readonly heapUsedMiB: number;
  readonly heapTotalMiB: number;
  readonly externalMiB: number;
  readonly arrayBuffersMiB: number;
  /**
   * Sockets open in the server (the feed's clients plus the connections of commands in flight:
   * the load generator opens one per command it is still waiting for) and the bytes their write
   * buffers hold: memory that grows with a backlog or with clients that do not read, apart from
   * the heap.
   */
  readonly openSockets: number;
  readonly socketBufferedKiB: number;
}

export interface ProbeReport {
  readonly type: typeof PROBE_READ;
  /**
   * The server's CPU time over the measured stretch (user + system, ms): on a shared machine the
   * latencies swing with the neighbours' load, the work the server did for the same commands much
   * less.
   */
  readonly cpuMs: number;
  /** Event-loop delay over the measured stretch (ms): p50, p99 and max. */
  readonly eventLoopDelayMs: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly memory: readonly MemorySample[];
  /**
   * With BENCH_FEED_GC=1: the memory right after a full collection at the end, i.e. what is
   * still reachable (what the heap keeps beyond it is garbage V8 had not collected yet).
   */
  readonly afterFullGc?: MemorySample;
}

const MIB = 1024 * 1024;

function install(): void {
  if (process.send === undefined) return;
  // 1 ms resolution: the stalls that matter here are tens of ms (the aim is a p99 under 100 ms).
  const profiler = cpuProfiler(process.env.BENCH_FEED_CPU_PROFILE);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let startedAt = performance.now();
  let cpuAtStart = process.cpuUsage();
  let memory: MemorySample[] = [];
  const measure = (): MemorySample => {
    const usage = process.memoryUsage();
    const sockets = openSockets();
    return {
      atSeconds: Math.round((performance.now() - startedAt) / 100) / 10,
      rssMiB: Math.round((usage.rss / MIB) * 10) / 10,
      heapUsedMiB: Math.round((usage.heapUsed / MIB) * 10) / 10,
      heapTotalMiB: Math.round((usage.heapTotal / MIB) * 10) / 10,
      externalMiB: Math.round((usage.external / MIB) * 10) / 10,
      arrayBuffersMiB: Math.round((usage.arrayBuffers / MIB) * 10) / 10,
      openSockets: sockets.length,
      socketBufferedKiB: Math.round(
        sockets.reduce((bytes, socket) => bytes + socket.writableLength, 0) / 1024,
      ),
    };
  };
  const sample = () => memory.push(measure());
  setInterval(sample, 1000).unref();
  process.on('message', (message: unknown) => {
    if (message === PROBE_START) {
      profiler.start();
      delay.reset();
      cpuAtStart = process.cpuUsage();
      startedAt = performance.now();
      memory = [];
      sample();
    } else if (message === PROBE_READ) {
      profiler.stop();
      const cpu = process.cpuUsage(cpuAtStart);
      sample();
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      const report: ProbeReport = {
        type: PROBE_READ,
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        eventLoopDelayMs: {
          p50: ms(delay.percentile(50)),
          p99: ms(delay.percentile(99)),
          max: ms(delay.max),
        },
        memory,
        afterFullGc: process.env.BENCH_FEED_GC === '1' ? afterFullGc(measure) : undefined,
      };
      process.send?.(report);
    }
  });
}

/**
 * The process's open sockets. Node lists its active handles only through this undocumented call;
 * a bench probe may use it (a Node without it reports none).
 */
function openSockets(): Socket[] {
  const handles = (process as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  return handles.filter((handle): handle is Socket => handle instanceof Socket);
}

/**
 * With a folder in BENCH_FEED_CPU_PROFILE: a CPU profile of the measured stretch (`--cpu-prof` is
 * refused in NODE_OPTIONS, and would include the start-up), written there as .cpuprofile.
 */
function cpuProfiler(folder: string | undefined): { start(): void; stop(): void } {
  if (folder === undefined) return { start: () => undefined, stop: () => undefined };
  const session = new Session();
  session.connect();
  return {
    start: () =>
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 1000 }, () =>
          session.post('Profiler.start'),
        ),
      ),
    stop: () =>
      session.post('Profiler.stop', (error, result) => {
        if (error === null)
          writeFileSync(
            join(folder, `feed-fan-out-${process.pid}.cpuprofile`),
            JSON.stringify(result.profile),
          );
      }),
  };
}

/** A full collection (and a heap snapshot in BENCH_FEED_HEAP_SNAPSHOT, a folder, when set). */
function afterFullGc(measure: () => MemorySample): MemorySample {
  const folder = process.env.BENCH_FEED_HEAP_SNAPSHOT;
  if (folder !== undefined)
    writeHeapSnapshot(join(folder, `feed-fan-out-${process.pid}.heapsnapshot`));
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  return measure();
}

install();
