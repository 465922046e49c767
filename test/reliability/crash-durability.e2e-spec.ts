import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogVerifier } from '@ledger/audit';
import { SqliteCheckpointStore, SqliteEventStore } from '@ledger/event-store';
import { resolveLedgerSigningKey } from '@ledger/runtime';
import { SqliteReadStore } from '@ledger/read-store';
import { LedgerProcess, sleep } from '../support/processes';
import {
  DriveProgress,
  Gate,
  RELIABILITY_JWT_SECRET,
  drive,
  type Outcome,
} from './support/ledger-client';
import { PROFILE, TEST_DEADLINE_MS } from './support/profile';
import { reportFigures, tally } from './support/report';
import {
  cleanRebuild,
  compareDocuments,
  readModelDocuments,
  verifyLog,
  waitUntilSettled,
} from './support/verify';
import { everydayCommand, people, setUpProject, type ReadyProject } from './support/workload';

/**
 * Issue 9, "Crash durability". The built api (embedded default: SQLite log, embedded read store,
 * in-process projector) runs as a child process on a fresh DATA_DIR. Concurrent clients drive
 * commands on several projects, each with an Idempotency-Key; the api is SIGKILLed mid-load
 * several times and started again on the same DATA_DIR. A client whose request got no answer
 * sends it again, with the same key, once the api is back (what a well-behaved client does).
 *
 * Then, with the api stopped: every 2xx command is in the log as answered (stream, revision,
 * position), no fact and no key is there twice, every stream's hash chain verifies, and every
 * document of every read model the restarted api wrote equals a clean rebuild from the log.
 *
 * Needs the built api (`npm run build`; built here when dist/ has none). Figures go to stderr
 * and docs/RELIABILITY.md.
 */
describe('Crash durability: kill -9 the api mid-load, restart, nothing acknowledged is lost', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
  let api: LedgerProcess | undefined;

  afterAll(async () => {
    await api?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    `${PROFILE.crash.commands} commands from ${PROFILE.crash.clients} clients, ${PROFILE.crash.kills} SIGKILLs: lost 0, duplicated 0, chains verify, read models equal a rebuild, the whole log and its checkpoints verify`,
    async () => {
      const { crash } = PROFILE;
      api = await LedgerProcess.create({
        app: 'api',
        // Checkpoints every 100 events: the writer's thread signs (and files tiles) all through
        // the load, so the kills land around its transactions too.
        env: {
          DATA_DIR: dataDir,
          JWT_SECRET: RELIABILITY_JWT_SECRET,
          CHECKPOINT_EVERY_EVENTS: '100',
        },
      });
      await api.start();
      const who = await people();

      const setUp: Outcome[] = [];
      const projects: ReadyProject[] = [];
      for (let p = 0; p < crash.projects; p += 1) {
        // Two programs, the projects spread over them.
        const programId = projects[p - 2]?.programId;
        projects.push(await setUpProject(api.url, who, `Crash ${p}`, setUp, programId));
      }

      const commands = Array.from({ length: crash.commands }, (_, i) =>
        everydayCommand(i, projects[i % projects.length]!, who),
      );
      const gate = new Gate();
      const progress = new DriveProgress();
      const kills: Array<{ afterAnswers: number; inFlight: number }> = [];
      let loadDone = false;
      const load = drive(
        { base: api.url, commands, clients: crash.clients, gate },
        progress,
      ).finally(() => {
        loadDone = true;
      });
      const chaos = (async () => {
        for (let k = 1; k <= crash.kills; k += 1) {
          const at = Math.floor((crash.commands * k) / (crash.kills + 1));
          while (progress.answered < at && !loadDone) await sleep(5);
          gate.close();
          kills.push({ afterAnswers: progress.answered, inFlight: progress.inFlight });
          await api.kill();
          await api.start();
          gate.open();
        }
      })();
      const [outcomes] = await Promise.all([load, chaos]);

      const adminToken = who.pat.token;
      await waitUntilSettled(api.url, adminToken);
      await api.stop();

      const all = [...setUp, ...outcomes];
      const byStatus = tally(outcomes);
      const events = await SqliteEventStore.open({ path: join(dataDir, 'events.sqlite') });
      const signed = await SqliteCheckpointStore.open({ path: join(dataDir, 'events.sqlite') });
      const served = await SqliteReadStore.open({ path: join(dataDir, 'read.sqlite') });
      try {
        const log = await verifyLog(events, all);
        // The whole log as an auditor verifies it: chains, tree, every signed checkpoint, tiles.
        const whole = await new LogVerifier({
          eventStore: events,
          checkpoints: signed,
          publicKey: createPublicKey(resolveLedgerSigningKey(dataDir).key),
          densePositions: true,
        }).verifyLog();
        const documents = compareDocuments(
          await readModelDocuments(served),
          await cleanRebuild(events),
        );
        reportFigures('crash-durability', {
          profile: PROFILE.name,
          commands: all.length,
          acknowledged: log.acknowledged,
          byStatus,
          kills: kills.length,
          inFlightAtKills: kills.map((kill) => kill.inFlight),
          resentAfterNoAnswer: outcomes.filter((o) => o.attempts > 1).length,
          events: log.events,
          streams: log.streams,
          lost: log.lost.length,
          duplicates: log.duplicates.length,
          brokenChains: log.brokenChains.length,
          documentsCompared: documents.documents,
          documentsDiffering: documents.differing.length,
          checkpoints: whole.checkpoints,
          unsignedEvents: whole.unsignedEvents,
          logProblems: whole.problems.length,
        });
        expect(kills).toHaveLength(crash.kills);
        // The kills hit a loaded server: requests were in flight (or the property is untested).
        expect(kills.some((kill) => kill.inFlight > 0)).toBe(true);
        // Every command was eventually answered 2xx (resent after a crash with the same key).
        expect(Object.keys(byStatus)).toEqual(['2xx']);
        expect(log.acknowledged).toBe(all.length);
        expect(log.lost).toEqual([]);
        expect(log.duplicates).toEqual([]);
        expect(log.brokenChains).toEqual([]);
        expect(documents.documents).toBeGreaterThan(crash.projects);
        expect(documents.differing).toEqual([]);
        expect(whole.problems).toEqual([]);
        expect(whole.checkpoints).toBeGreaterThan(crash.kills);
      } finally {
        await served.close();
        await signed.close();
        await events.close();
      }
    },
    TEST_DEADLINE_MS,
  );
});
