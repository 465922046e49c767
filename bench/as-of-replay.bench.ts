/**
 * as-of-replay (issue 10 §4): a project whose stream holds BENCH_REPLAY_EVENTS (default 10,000)
 * events reconstructed as the system knew it at a mid-point of its recorded history, exactly as
 * GET /api/audit/projects/:id/state?asOf= does it (AuditReplay.state: the stream read through the
 * app's upcasting store, the bitemporal fold with the project's own evolve, the state made JSON),
 * vs the raw baseline: reading the same stream's events from the same store and doing nothing.
 * Both run REPEATS times, alternating, so both see the same machine load; events/s counts the
 * events of the stream read.
 *
 * The stream: the three events that make a project take costs (through the command path), then
 * cost postings appended in batches of 500, each batch at its own recorded time; the mid-point
 * is the recorded time of revision size / 2.
 */
import { randomUUID } from 'node:crypto';
import { AuditReplay } from '@ledger/api';
import { CommandExecutor, EVENT_SCHEMAS } from '@ledger/command-path';
import { projectAggregate, projectStreamId } from '@ledger/domain';
import { SqliteEventStore, storedEvents, upcasting, type ProposedEvent } from '@ledger/event-store';
import { report, round } from './support/bench-report';
import { costReadyProjectCommands } from './support/cost-ready-project';
import { withTempDir } from './support/temp-dir';

const EVENTS = Number(process.env.BENCH_REPLAY_EVENTS ?? 10_000);
const REPEATS = Number(process.env.BENCH_REPLAY_REPEATS ?? 10);
const BATCH = 500;
const PROJECT = 'replayed';

const setup = costReadyProjectCommands(PROJECT, 'h1');

function costPosting(revision: number): ProposedEvent {
  return {
    id: randomUUID(),
    type: 'ActualCostRecorded',
    schemaVersion: EVENT_SCHEMAS.currentVersion('ActualCostRecorded') ?? 1,
    data: {
      projectId: PROJECT,
      erpDocumentId: `erp-${revision}`,
      amount: { amount: 1_000 + (revision % 97), currency: 'EUR' },
      postedOn: '2026-02-01',
      recordedBy: 'bench',
    },
    metadata: {
      effectiveAt: '2026-02-01T00:00:00.000Z',
      actor: { sub: 'bench', roles: ['project-manager'] },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      commandId: randomUUID(),
    },
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function run(): Promise<void> {
  await withTempDir('as-of-replay', async (dir) => {
    const raw = await SqliteEventStore.open({ path: `${dir}/events.sqlite` });
    const store = upcasting(raw, EVENT_SCHEMAS);
    const streamId = projectStreamId(PROJECT);
    try {
      const executor = new CommandExecutor(store);
      for (const command of setup)
        await executor.execute(projectAggregate, streamId, command, {
          actor: { sub: 'bench', roles: ['admin'] },
          correlationId: randomUUID(),
          commandId: randomUUID(),
        });
      for (let revision = setup.length; revision < EVENTS; revision += BATCH) {
        const count = Math.min(BATCH, EVENTS - revision);
        const batch = Array.from({ length: count }, (_, i) => costPosting(revision + i));
        await raw.append(streamId, batch, revision - 1);
        await pause(2); // each batch at its own recorded time
      }
      const [middle] = await raw.readStream(streamId, {
        fromRevision: Math.floor(EVENTS / 2),
        maxCount: 1,
      });
      if (!middle) throw new Error('as-of-replay: the stream is shorter than expected');
      const asOf = middle.recordedAt;
      const replay = new AuditReplay(store);
      const readRaw = () => storedEvents(store).readStream(streamId);
      const replayAt = () => replay.state(projectAggregate, streamId, { asOf });

      // Warm-up, and the answer checked: the fold stops at the mid-point's batch.
      const read = (await readRaw()).length;
      const answer = await replayAt();
      if (read !== EVENTS || answer.eventsApplied < EVENTS / 2 || answer.eventsApplied >= EVENTS)
        throw new Error(`as-of-replay: read ${read}, applied ${answer.eventsApplied}`);

      let [rawNs, oursNs] = [0n, 0n];
      for (let repeat = 0; repeat < REPEATS; repeat += 1) {
        let started = process.hrtime.bigint();
        await readRaw();
        rawNs += process.hrtime.bigint() - started;
        started = process.hrtime.bigint();
        await replayAt();
        oursNs += process.hrtime.bigint() - started;
      }
      const seconds = Number(oursNs) / 1e9;
      const rawSeconds = Number(rawNs) / 1e9;
      report({
        bench: 'as-of-replay',
        ours: round((EVENTS * REPEATS) / seconds),
        baseline: round((EVENTS * REPEATS) / rawSeconds),
        unit: 'events/s',
        size: EVENTS,
        sizeUnit: 'events per stream',
        eventsApplied: answer.eventsApplied,
        repeats: REPEATS,
        msPerReplay: round((seconds * 1000) / REPEATS, 2),
        msPerRawRead: round((rawSeconds * 1000) / REPEATS, 2),
      });
    } finally {
      await raw.close();
    }
  });
}

if (require.main === module) void run();
