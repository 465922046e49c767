import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { applyJsonPatch, type TimelineEntry, type VerificationProblem } from '@ledger/audit';
import type { JsonValue, RecordedEvent } from '@ledger/event-store';
import { createProgram, registerContract } from '../support/fixtures';
import { httpClient, tokensFor } from '../support/http-client';
import { appEntry } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';

interface StateAnswer {
  state: Record<string, JsonValue>;
  lastEvent: { position: number; revision: number; type: string } | null;
  eventsApplied: number;
}

interface Job {
  status: 'running' | 'done' | 'failed';
  result?: { valid: boolean; checkedEvents: number; problems: VerificationProblem[] };
}

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The built `ledger` CLI as a child process (built into dist/ first when it is absent). */
function ledgerCli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [appEntry('ledger'), ...args], (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Issue 10, "Done when", as one story in order, on the real api over a real SQLite file and the
 * built `ledger` CLI: an auditor replays a project at three moments, reads its timeline, verifies
 * the whole log (valid), someone edits the approving decision in events.sqlite, the verification
 * names the edited event (kind, position, stream, revision), the edit is undone and verifies
 * again, the auditor exports the program's evidence bundle and verifies it OFFLINE with
 * `ledger verify --file` (exit 0), and a line altered in the file makes the CLI exit 1 naming it.
 * The pieces have their own specs (replay, audit-proofs, evidence-export); this one walks them
 * together, as the outside auditor would.
 */
describe('An auditor walks the evidence (issue 10, done when)', () => {
  let t: TestApp;
  const http = httpClient(() => t);
  const tokens: Record<string, string> = {};
  let programId = '';
  let projectId = '';
  const moments = { created: '', baselined: '', approved: '' };
  let bundleFile = '';
  let keyFile = '';

  const auditor = () => tokens.audrey!;
  const get = async <T>(url: string): Promise<T> => {
    const reply = await http.get(url, auditor());
    if (reply.statusCode !== 200) throw new Error(`${url}: ${reply.statusCode} ${reply.body}`);
    return reply.json<T>();
  };
  const projectEvents = (): Promise<RecordedEvent[]> => t.store.readStream(`project-${projectId}`);
  const lastRecordedAt = async (): Promise<string> => (await projectEvents()).at(-1)!.recordedAt;

  async function verifyWholeLog(): Promise<Job> {
    const started = await http.postAs('/api/audit/verifications', auditor());
    expect(started.statusCode).toBe(202);
    const location = started.headers['location'] as string;
    for (let attempt = 0; attempt < 400; attempt += 1) {
      const job = (await http.get(location, auditor())).json<Job>();
      if (job.status !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the verification job did not finish');
  }

  beforeAll(async () => {
    t = await startTestApp({ CHECKPOINT_EVERY_EVENTS: '2', CHECKPOINT_EVERY_SECONDS: '1' });
    Object.assign(
      tokens,
      await tokensFor(t, {
        paula: { roles: ['pmo'] },
        alice: { roles: ['project-manager'] },
        bob: { roles: ['project-manager'] },
        audrey: { roles: ['auditor'] },
      }),
    );
    programId = await createProgram(http, tokens.paula!, 'Metro fibre');
    const contractId = await registerContract(http, tokens.paula!, {
      programId,
      customerId: 'cust-1',
      title: 'Frame contract',
      value: { amount: 500_000_000, currency: 'EUR' },
      signedOn: '2026-01-15',
    });
    projectId = (
      await http.postOk(
        '/api/projects',
        { programId, contractId, name: 'Ring 1', effectiveAt: '2026-01-20T09:00:00Z' },
        tokens.paula,
      )
    ).id!;
    moments.created = await lastRecordedAt();
    const url = `/api/projects/${projectId}`;
    await http.postOk(
      `${url}/baseline`,
      {
        budget: { amount: 100_000_000, currency: 'EUR' },
        scope: [{ id: 's1', title: 'Core sites' }],
        milestones: [{ id: 'm1', title: 'Core network ready', dueOn: '2026-06-30' }],
        quality: [{ id: 'q1', criterion: 'Link availability', target: '99.95 %' }],
        effectiveAt: '2026-02-01T09:00:00Z',
      },
      tokens.alice,
    );
    moments.baselined = await lastRecordedAt();
    const cr = await http.postOk(
      `${url}/change-requests`,
      {
        title: 'Add the depot sites',
        origin: 'customer',
        categories: ['cost'],
        justification: 'The customer opened a new depot',
        effectiveAt: '2026-03-01T09:00:00Z',
      },
      tokens.alice,
    );
    const crUrl = `${url}/change-requests/${cr.id!}`;
    await http.postOk(
      `${crUrl}/assessment`,
      {
        cost: { impact: 'change', budgetDelta: { amount: 12_500_000, currency: 'EUR' } },
        schedule: { impact: 'none' },
        scope: { impact: 'none' },
        quality: { impact: 'none' },
        effectiveAt: '2026-03-02T09:00:00Z',
      },
      tokens.alice,
    );
    await http.postOk(
      `${crUrl}/decision`,
      {
        outcome: 'approved',
        reason: 'Customer funds the depot',
        effectiveAt: '2026-03-05T09:00:00Z',
      },
      tokens.bob,
    );
    moments.approved = await lastRecordedAt();
    // The checkpointer signs off the command path: wait until a checkpoint covers the head.
    const head = await t.store.headPosition();
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const reply = await http.get('/api/audit/checkpoints?limit=500', auditor());
      const items = reply.json<{ items: { lastPosition: number }[] }>().items;
      if (items.at(-1)?.lastPosition === head) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, 120_000);
  afterAll(() => t.close());

  it('1. replays the project from the log at three recorded moments', async () => {
    const state = (asOf: string) =>
      get<StateAnswer>(`/api/audit/projects/${projectId}/state?asOf=${encodeURIComponent(asOf)}`);
    const atCreation = await state(moments.created);
    const atBaseline = await state(moments.baselined);
    const atApproval = await state(moments.approved);
    expect(atCreation).toMatchObject({ eventsApplied: 1, lastEvent: { type: 'ProjectCreated' } });
    expect(atCreation.state.baseline).toBeNull();
    expect(atBaseline).toMatchObject({
      eventsApplied: 2,
      lastEvent: { revision: 1, type: 'BaselineEstablished' },
    });
    expect(atBaseline.state.baseline).toMatchObject({
      current: { budget: { amount: 100_000_000 } },
    });
    expect(atApproval).toMatchObject({ lastEvent: { type: 'BaselineRevised' } });
    expect(atApproval.state.baseline).toMatchObject({
      current: { version: 2, budget: { amount: 112_500_000 } },
    });
  });

  it('2. reads the timeline: who decided, under which role, and patches that rebuild the state', async () => {
    const timeline = await get<{ items: TimelineEntry[] }>(
      `/api/audit/projects/${projectId}/timeline`,
    );
    const decided = timeline.items.find((entry) => entry.type === 'ChangeRequestDecided');
    expect(decided).toMatchObject({ actor: { sub: 'bob', roles: ['project-manager'] } });
    const rebuilt = timeline.items.reduce<JsonValue>(
      (state, entry) => applyJsonPatch(state, entry.patch),
      { status: 'absent' }, // the aggregate's initial state, before its first event
    );
    const now = await get<StateAnswer>(`/api/audit/projects/${projectId}/state`);
    expect(rebuilt).toEqual(now.state);
  });

  it('3. verifies the whole log: valid', async () => {
    const job = await verifyWholeLog();
    expect(job.status).toBe('done');
    expect(job.result).toMatchObject({
      valid: true,
      checkedEvents: await t.store.headPosition(),
      problems: [],
    });
  });

  it('4. an approval edited in the SQLite file is reported exactly where it is; undone, valid again', async () => {
    const decision = (await projectEvents()).find(
      (event) => event.type === 'ChangeRequestDecided',
    )!;
    const db = new Database(join(t.dataDir, 'events.sqlite'));
    try {
      const original = db
        .prepare('SELECT data FROM events WHERE position = ?')
        .pluck()
        .get(decision.position) as string;
      db.prepare(`UPDATE events SET data = json_set(data, '$.reason', ?) WHERE position = ?`).run(
        'Approved by phone',
        decision.position,
      );
      const job = await verifyWholeLog();
      expect(job.result?.valid).toBe(false);
      expect(job.result?.problems).toEqual([
        expect.objectContaining({
          kind: 'content-altered',
          position: decision.position,
          streamId: `project-${projectId}`,
          revision: decision.revision,
        }),
      ]);
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(original, decision.position);
    } finally {
      db.close();
    }
    expect((await verifyWholeLog()).result).toMatchObject({ valid: true, problems: [] });
  });

  it('5. exports the program bundle and verifies it offline with the ledger CLI', async () => {
    const reply = await http.get(`/api/audit/exports?programId=${programId}`, auditor());
    expect(reply.statusCode).toBe(200);
    bundleFile = join(t.dataDir, 'bundle.ndjson');
    writeFileSync(bundleFile, reply.body);
    const key = await get<{ pem: string }>('/api/audit/public-key');
    keyFile = join(t.dataDir, 'auditor-public-key.pem');
    writeFileSync(keyFile, key.pem);

    const run = await ledgerCli(['verify', '--file', bundleFile, '--public-key', keyFile]);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/valid/i);
  }, 180_000);

  it('6. the same bundle with an event line altered: the CLI exits 1 and names the line', async () => {
    const lines = readFileSync(bundleFile, 'utf8').trimEnd().split('\n');
    const index = lines.findIndex((line) => line.includes('"ChangeRequestDecided"'));
    expect(index).toBeGreaterThan(0);
    lines[index] = lines[index]!.replace('Customer funds the depot', 'Approved by phone');
    const altered = join(t.dataDir, 'bundle-altered.ndjson');
    writeFileSync(altered, `${lines.join('\n')}\n`);

    const run = await ledgerCli(['verify', '--file', altered, '--public-key', keyFile]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`line ${index + 1}`);
  }, 180_000);
});
