import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  eventHashBytes,
  leafHash,
  parsePublicKey,
  verifyCheckpointSignature,
  verifyConsistency,
  verifyInclusion,
} from '@ledger/audit';
import { LOG_CHECKPOINTER, LogCheckpointerThread } from '@ledger/runtime';
import { programWithProject } from './support/fixtures';
import { httpClient } from './support/http-client';
import { expectProblem } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

interface Checkpoint {
  size: number;
  lastPosition: number;
  rootHash: string;
  timestamp: string;
  keyId: string;
  signature: string;
}

interface Job {
  id: string;
  status: 'running' | 'done' | 'failed';
  progress: { checked: number; total: number };
  result: {
    valid: boolean;
    checkedEvents: number;
    checkpoints: number;
    problems: { kind: string; position?: number; streamId?: string; revision?: number }[];
  } | null;
}

const contract = {
  customerId: 'cust-1',
  title: 'Fibre frame contract',
  value: { amount: 500_000_000, currency: 'EUR' },
  signedOn: '2026-01-15',
};

const hex = (value: string) => Buffer.from(value, 'hex');

/**
 * The auditors' proof routes (issue 10 §2) over HTTP on the real SQLite store: what a route
 * proves is checked with @ledger/audit's verifiers against the checkpoint's root and its
 * signature under the served public key, as an outside auditor would; tampering with the file
 * is found by a verification job and located.
 */
describe('Audit proofs and verification (issue 10 §2)', () => {
  let t: TestApp;
  const http = httpClient(() => t);
  let auditor: string;
  let auditorEverywhere: string;
  let pmo: string;
  let manager: string;

  beforeAll(async () => {
    // A checkpoint every 2 events so a small log has several.
    t = await startTestApp({ CHECKPOINT_EVERY_EVENTS: '2', CHECKPOINT_EVERY_SECONDS: '1' });
    auditor = await t.token({ sub: 'audrey', roles: ['auditor'], programs: ['some-program'] });
    auditorEverywhere = await t.token({ sub: 'audrey', roles: ['auditor'], programs: '*' });
    pmo = await t.token({ sub: 'pat', roles: ['pmo', 'project-manager'] });
    manager = await t.token({ sub: 'mia', roles: ['project-manager'] });
    await programWithProject(http, pmo, { program: 'Fibre North', contract, project: 'North' });
    await programWithProject(http, pmo, { program: 'Fibre South', contract, project: 'South' });
    // The checkpointer follows the log off the command path: wait until it signed all of it.
    const head = await t.store.headPosition();
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const latest = (await checkpoints()).at(-1);
      if (latest?.lastPosition === head) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(() => t.close());

  async function checkpoints(): Promise<Checkpoint[]> {
    const reply = await http.get('/api/audit/checkpoints?limit=500', auditor);
    expect(reply.statusCode).toBe(200);
    return reply.json<{ items: Checkpoint[] }>().items;
  }

  async function publicKey() {
    const reply = await http.get('/api/audit/public-key', auditor);
    expect(reply.statusCode).toBe(200);
    const body = reply.json<{ algorithm: string; keyId: string; pem: string }>();
    expect(body.algorithm).toBe('Ed25519');
    return { key: parsePublicKey(body.pem), keyId: body.keyId };
  }

  async function runJob(): Promise<Job> {
    const started = await http.postAs('/api/audit/verifications', auditor);
    expect(started.statusCode).toBe(202);
    const location = started.headers['location'] as string;
    expect(location).toBe(`/api/audit/verifications/${started.json<Job>().id}`);
    for (let attempt = 0; attempt < 400; attempt += 1) {
      const job = (await http.get(location, auditor)).json<Job>();
      if (job.status !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the verification job did not finish');
  }

  it("signs them from a thread of its own on the embedded default, off the commands' event loop", () => {
    expect(t.app.get(LOG_CHECKPOINTER)).toBeInstanceOf(LogCheckpointerThread);
  });

  it('serves signed checkpoints that verify with the served public key, paged', async () => {
    const { key, keyId } = await publicKey();
    const all = await checkpoints();
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all.at(-1)?.lastPosition).toBe(await t.store.headPosition());
    for (const checkpoint of all) {
      expect(checkpoint.keyId).toBe(keyId);
      expect(verifyCheckpointSignature(checkpoint, key)).toBe(true);
    }
    const first = all[0] as Checkpoint;
    const page = await http.get(`/api/audit/checkpoints?afterSize=${first.size}&limit=1`, auditor);
    expect(page.json<{ items: Checkpoint[]; nextAfterSize: number }>()).toEqual({
      items: [all[1]],
      nextAfterSize: all[1]?.size,
    });
  });

  it('an inclusion proof from the route verifies against the signed root', async () => {
    const { key } = await publicKey();
    const latest = (await checkpoints()).at(-1) as Checkpoint;
    for (const position of [1, 3, latest.lastPosition]) {
      const reply = await http.get(
        `/api/audit/proofs/inclusion?position=${position}&checkpoint=${latest.size}`,
        auditor,
      );
      expect(reply.statusCode).toBe(200);
      const proof = reply.json<{
        leafIndex: number;
        eventHash: string;
        leafHash: string;
        auditPath: string[];
        checkpoint: Checkpoint;
      }>();
      expect(proof.checkpoint).toEqual(latest);
      expect(verifyCheckpointSignature(proof.checkpoint, key)).toBe(true);
      expect(proof.leafHash).toBe(leafHash(eventHashBytes(proof.eventHash)).toString('hex'));
      expect(
        verifyInclusion(
          proof.leafIndex,
          proof.checkpoint.size,
          hex(proof.leafHash),
          proof.auditPath.map(hex),
          hex(proof.checkpoint.rootHash),
        ),
      ).toBe(true);
      // A bent path does not verify: the check above is not vacuous.
      const bent = [...proof.auditPath.map(hex)];
      if (bent[0]) bent[0] = Buffer.alloc(32, 7);
      if (proof.auditPath.length > 0)
        expect(
          verifyInclusion(
            proof.leafIndex,
            latest.size,
            hex(proof.leafHash),
            bent,
            hex(latest.rootHash),
          ),
        ).toBe(false);
    }
    // Without ?checkpoint the first checkpoint covering the event is used.
    const early = (await http.get('/api/audit/proofs/inclusion?position=1', auditor)).json<{
      checkpoint: Checkpoint;
    }>();
    expect(early.checkpoint).toEqual((await checkpoints())[0]);
    expectProblem(
      await http.get('/api/audit/proofs/inclusion?position=999999', auditor),
      404,
      'event-not-found',
    );
    expectProblem(
      await http.get(
        `/api/audit/proofs/inclusion?position=1&checkpoint=${latest.size + 1}`,
        auditor,
      ),
      404,
      'checkpoint-not-found',
    );
  });

  it('a consistency proof from the route verifies between two signed roots', async () => {
    const all = await checkpoints();
    const [first, last] = [all[0] as Checkpoint, all.at(-1) as Checkpoint];
    const reply = await http.get(
      `/api/audit/proofs/consistency?from=${first.size}&to=${last.size}`,
      auditor,
    );
    expect(reply.statusCode).toBe(200);
    const body = reply.json<{ from: Checkpoint; to: Checkpoint; proof: string[] }>();
    expect([body.from, body.to]).toEqual([first, last]);
    expect(
      verifyConsistency(
        first.size,
        last.size,
        hex(first.rootHash),
        hex(last.rootHash),
        body.proof.map(hex),
      ),
    ).toBe(true);
    expect(
      verifyConsistency(
        first.size,
        last.size,
        hex(first.rootHash),
        hex('00'.repeat(32)),
        body.proof.map(hex),
      ),
    ).toBe(false);
    expectProblem(
      await http.get(`/api/audit/proofs/consistency?from=${last.size}&to=${first.size}`, auditor),
      422,
      'consistency-order',
    );
  });

  it('only auditor, pmo and admin read proofs; only auditor and admin verify', async () => {
    expectProblem(await http.get('/api/audit/public-key', manager), 403, 'role-required');
    expect((await http.get('/api/audit/checkpoints', pmo)).statusCode).toBe(200);
    expectProblem(await http.postAs('/api/audit/verifications', pmo), 403, 'role-required');
  });

  it('a verification job reports progress and a whole, valid log', async () => {
    const job = await runJob();
    const head = await t.store.headPosition();
    expect(job.status).toBe('done');
    expect(job.progress).toMatchObject({ checked: head, total: head });
    expect(job.result).toMatchObject({ valid: true, checkedEvents: head, problems: [] });
    expect(job.result?.checkpoints).toBe((await checkpoints()).length);
  });

  it('an event edited in the SQLite file is reported by the job and by its stream, located', async () => {
    const path = join(t.dataDir, 'events.sqlite');
    const db = new Database(path);
    const row = db.prepare('SELECT stream_id, revision FROM events WHERE position = 3').get() as {
      stream_id: string;
      revision: number;
    };
    db.prepare(`UPDATE events SET data = json_set(data, '$.forged', 1) WHERE position = 3`).run();
    db.close();

    const job = await runJob();
    expect(job.result?.valid).toBe(false);
    expect(job.result?.problems).toContainEqual(
      expect.objectContaining({
        kind: 'content-altered',
        position: 3,
        streamId: row.stream_id,
        revision: row.revision,
      }),
    );
    const stream = await http.get(`/api/audit/streams/${row.stream_id}/verify`, auditorEverywhere);
    expect(stream.statusCode).toBe(200);
    expect(stream.json()).toMatchObject({
      valid: false,
      streamId: row.stream_id,
      problems: [expect.objectContaining({ kind: 'content-altered', revision: row.revision })],
    });
    // Scoped like the stream's events: the claim of a program that is not the stream's is 403.
    expectProblem(
      await http.get(`/api/audit/streams/${row.stream_id}/verify`, auditor),
      403,
      'program-not-in-claim',
    );
    expectProblem(
      await http.get('/api/audit/verifications/00000000-0000-0000-0000-000000000000', auditor),
      404,
      'verification-not-found',
    );
  });
});
