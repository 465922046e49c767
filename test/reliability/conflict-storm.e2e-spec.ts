import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectStreamId } from '@ledger/domain';
import { SqliteEventStore, type RecordedEvent } from '@ledger/event-store';
import { PROJECT_SUMMARIES } from '@ledger/projections';
import { SqliteReadStore, type ReadDocument } from '@ledger/read-store';
import { LedgerProcess } from '../support/processes';
import {
  RELIABILITY_JWT_SECRET,
  command,
  drive,
  isSuccess,
  type Command,
  type Outcome,
} from './support/ledger-client';
import { PROFILE, TEST_DEADLINE_MS } from './support/profile';
import { reportFigures, tally } from './support/report';
import {
  cleanRebuild,
  compareDocuments,
  factOf,
  readModelDocuments,
  verifyLog,
  waitUntilSettled,
} from './support/verify';
import { PERIOD, people, setUpProject, type People, type ReadyProject } from './support/workload';

/**
 * Issue 9, "Conflict storm". The built api (embedded) and 32 clients all changing ONE project at
 * once: actual costs (unique postings; one ERP document id posted by every client with its own
 * amount, so exactly one may win; one identical posting sent by every client, a no-op after the
 * first), stakeholders with one id claimed by every client, progress reports while one client
 * closes the reporting period (later reports are refused).
 *
 * Then: no answer is a 5xx, every refusal is 409 or 422 application/problem+json; every accepted
 * command's fact is in the log with the content it sent, no refused command's content is; no
 * fact twice, the chain verifies; the project's summary (what the read model holds) equals the
 * fold of the stored events, and every read-model document equals a clean rebuild.
 */

/** What a command adds and with which content: `fact` → content (as the log must hold it). */
interface Claim {
  readonly fact: string;
  readonly content: string;
}

function stormCommands(project: ReadyProject, who: People): Array<{ cmd: Command; claim?: Claim }> {
  const { clients, commandsPerClient } = PROFILE.storm;
  const url = `/api/projects/${project.projectId}`;
  const stream = projectStreamId(project.projectId);
  const list: Array<{ cmd: Command; claim?: Claim }> = [];
  const cost = (kind: string, erpDocumentId: string, amount: number) => ({
    cmd: command(
      kind,
      `${url}/actual-costs`,
      { erpDocumentId, amount: { amount, currency: 'EUR' }, postedOn: '2026-04-10' },
      who.pat,
      `${stream}/cost/${erpDocumentId}`,
    ),
    claim: { fact: `${stream}/cost/${erpDocumentId}`, content: String(amount) },
  });
  // Interleaved by round so that every client works on the same contested ids at the same time.
  for (let j = 0; j < commandsPerClient; j += 1) {
    for (let c = 0; c < clients; c += 1) {
      const n = j * clients + c;
      if (c === 0 && j === Math.floor(commandsPerClient / 2)) {
        list.push({
          cmd: command(
            'close-period',
            `${url}/reporting-periods/${PERIOD.periodId}/close`,
            {},
            who.pat,
          ),
        });
        continue;
      }
      switch (j % 5) {
        case 0:
          list.push(cost('cost-unique', `INV/u-${n}`, 100 + n));
          break;
        case 1:
          list.push(cost('cost-contested', `INV/contested-${j}`, 500 + c));
          break;
        case 2:
          list.push(cost('cost-identical', `INV/same-${j}`, 777));
          break;
        case 3: {
          const stakeholderId = `sh-contested-${j}`;
          list.push({
            cmd: command(
              'stakeholder-contested',
              `${url}/stakeholders`,
              {
                stakeholderId,
                name: `Claimed by client ${c}`,
                organisation: 'Nordic Telco',
                role: 'Site owner',
                influence: 'low',
                interest: 'high',
              },
              who.pat,
            ),
            claim: {
              fact: `${stream}/stakeholder/${stakeholderId}`,
              content: `Claimed by client ${c}`,
            },
          });
          break;
        }
        default:
          list.push({
            cmd: command(
              'progress',
              `${url}/progress`,
              {
                reportId: `rep-${n}`,
                periodId: PERIOD.periodId,
                items: [{ scopeItemId: 's1', percentComplete: n % 101 }],
              },
              who.pat,
            ),
            claim: { fact: `${stream}/report/rep-${n}`, content: String(n % 101) },
          });
      }
    }
  }
  return list;
}

/** The content of a stored fact, in the terms of Claim.content. */
function contentOf(event: RecordedEvent): string {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'ActualCostRecorded':
      return String((data['amount'] as { amount: number }).amount);
    case 'StakeholderRegistered':
      return String(data['name']);
    case 'ProgressReported':
      return String((data['items'] as Array<{ percentComplete: number }>)[0]?.percentComplete);
    default:
      return '';
  }
}

interface SummaryDocument extends ReadDocument {
  readonly inputs: {
    readonly costs: ReadonlyArray<{ erpDocumentId: string; amount: { amount: number } }>;
    readonly reports: ReadonlyArray<{ reportId: string }>;
  };
  readonly earnedValue: { readonly actualCostRecorded: { readonly amount: number } } | null;
}

describe('Conflict storm: 32 clients change one project at once', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-storm-'));
  let api: LedgerProcess | undefined;

  afterAll(async () => {
    await api?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'refusals are 409/422 problems, never 5xx; the read model equals the fold of the log',
    async () => {
      api = await LedgerProcess.create({
        app: 'api',
        env: { DATA_DIR: dataDir, JWT_SECRET: RELIABILITY_JWT_SECRET },
      });
      await api.start();
      const who = await people();
      const setUp: Outcome[] = [];
      const project = await setUpProject(api.url, who, 'Storm', setUp);
      const planned = stormCommands(project, who);
      const claims = new Map(planned.map(({ cmd, claim }) => [cmd.key, claim]));
      const outcomes = await drive({
        base: api.url,
        commands: planned.map(({ cmd }) => cmd),
        clients: PROFILE.storm.clients,
      });
      await waitUntilSettled(api.url, who.pat.token);
      await api.stop();

      const events = await SqliteEventStore.open({ path: join(dataDir, 'events.sqlite') });
      const served = await SqliteReadStore.open({ path: join(dataDir, 'read.sqlite') });
      try {
        const stream = await events.readStream(projectStreamId(project.projectId));
        const stored = new Map<string, string>();
        for (const event of stream) {
          const fact = factOf(event);
          if (fact) stored.set(fact, contentOf(event));
        }
        const badRefusals = outcomes
          .filter((o) => !isSuccess(o))
          .filter(
            (o) =>
              ![409, 422].includes(o.answer.status) ||
              !o.answer.contentType.startsWith('application/problem+json'),
          )
          .map((o) => `${o.command.kind}: ${o.answer.status} ${o.answer.contentType}`);
        const disagreeing: string[] = [];
        for (const outcome of outcomes) {
          const claim = claims.get(outcome.command.key);
          if (!claim) continue;
          const held = stored.get(claim.fact);
          if (isSuccess(outcome) && held !== claim.content) {
            disagreeing.push(`${claim.fact}: accepted ${claim.content}, the log holds ${held}`);
          }
          if (!isSuccess(outcome) && held === claim.content) {
            disagreeing.push(`${claim.fact}: refused ${claim.content}, yet the log holds it`);
          }
        }
        const log = await verifyLog(events, [...setUp, ...outcomes], {
          mayBeNoOp: (cmd) => cmd.kind === 'cost-identical',
        });

        // The read model against the fold of the stored events, field by field that matters here.
        const summary = await served.get<SummaryDocument>(PROJECT_SUMMARIES, project.projectId);
        const costs = stream.filter((e) => e.type === 'ActualCostRecorded');
        const foldedCosts = Object.fromEntries(
          costs.map((e) => [e.data['erpDocumentId'] as string, Number(contentOf(e))]),
        );
        const foldedReports = stream
          .filter((e) => e.type === 'ProgressReported')
          .map((e) => e.data['reportId'] as string)
          .sort();
        const documents = compareDocuments(
          await readModelDocuments(served),
          await cleanRebuild(events),
        );

        const byStatus = tally(outcomes);
        reportFigures('conflict-storm', {
          profile: PROFILE.name,
          clients: PROFILE.storm.clients,
          commands: outcomes.length,
          byStatus,
          projectEvents: stream.length,
          badRefusals: badRefusals.length,
          disagreeing: disagreeing.length,
          noOps: log.noOps,
          lost: log.lost.length,
          duplicates: log.duplicates.length,
          documentsCompared: documents.documents,
          documentsDiffering: documents.differing.length,
        });
        expect(outcomes).toHaveLength(planned.length);
        expect(Object.keys(byStatus).filter((status) => status.startsWith('5'))).toEqual([]);
        expect(badRefusals).toEqual([]);
        // The storm did contest something: both refusal kinds happened.
        expect(Object.keys(byStatus).some((status) => status.startsWith('409'))).toBe(true);
        expect(Object.keys(byStatus).some((status) => status.startsWith('422'))).toBe(true);
        expect(disagreeing).toEqual([]);
        expect(log.lost).toEqual([]);
        expect(log.duplicates).toEqual([]);
        expect(log.brokenChains).toEqual([]);
        expect(summary).not.toBeNull();
        expect(
          Object.fromEntries(
            summary!.inputs.costs.map((cost) => [cost.erpDocumentId, cost.amount.amount]),
          ),
        ).toEqual(foldedCosts);
        expect(summary!.earnedValue?.actualCostRecorded.amount).toBe(
          Object.values(foldedCosts).reduce((sum, amount) => sum + amount, 0),
        );
        expect(summary!.inputs.reports.map((report) => report.reportId).sort()).toEqual(
          foldedReports,
        );
        expect(documents.differing).toEqual([]);
      } finally {
        await served.close();
        await events.close();
      }
    },
    TEST_DEADLINE_MS,
  );
});
