import { createPublicKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveLedgerSigningKey } from '@ledger/runtime';
import { verifyBundleFile } from '../../apps/ledger/src/verify-bundle.command';
import { programWithProject } from '../support/fixtures';
import { httpClient } from '../support/http-client';
import { expectProblem } from '../support/problem';
import { startTestApp, type TestApp } from '../support/test-app';

const contract = {
  customerId: 'cust-1',
  title: 'Fibre frame contract',
  value: { amount: 500_000_000, currency: 'EUR' },
  signedOn: '2026-01-15',
};

interface Manifest {
  kind: 'manifest';
  formatVersion: number;
  scope: Record<string, string>;
  coverage: { treeSize: number; lastPosition: number };
}

/** Version 2 names the counts and stream heads in the trailer (docs/EVIDENCE-BUNDLE.md). */
interface Trailer {
  kind: 'trailer';
  events: number;
  streams: number;
  heads: { streamId: string }[];
}

/**
 * Evidence bundles over HTTP on the real SQLite store (issue 10 §3): a program's bundle exported
 * by GET /api/audit/exports verifies OFFLINE with the ledger CLI's verify function against the
 * served key's PEM file, holds only that program's streams, and a line edited in the FILE is
 * reported at its line.
 */
describe('Evidence bundle export (issue 10 §3)', () => {
  let t: TestApp;
  const http = httpClient(() => t);
  let auditor: string;
  let north: { programId: string; projectId: string; contractId: string };
  let south: { programId: string; projectId: string };
  let bundle: string;
  let keyFile: string;

  beforeAll(async () => {
    t = await startTestApp({ CHECKPOINT_EVERY_EVENTS: '2', CHECKPOINT_EVERY_SECONDS: '1' });
    const pmo = await t.token({ sub: 'pat', roles: ['pmo', 'project-manager'] });
    north = await programWithProject(http, pmo, {
      program: 'Fibre North',
      contract,
      project: 'North',
    });
    south = await programWithProject(http, pmo, {
      program: 'Fibre South',
      contract,
      project: 'South',
    });
    auditor = await t.token({ sub: 'audrey', roles: ['auditor'], programs: [north.programId] });
    // The checkpointer signs off the command path: export once a checkpoint covers the head.
    const head = await t.store.headPosition();
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const reply = await http.get(`/api/audit/exports?programId=${north.programId}`, auditor);
      if (reply.statusCode === 200) {
        bundle = reply.body;
        if ((JSON.parse(bundle.split('\n')[0] ?? '{}') as Manifest).coverage.lastPosition === head)
          break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    keyFile = join(t.dataDir, 'public-key.pem');
    const { key } = resolveLedgerSigningKey(t.dataDir);
    writeFileSync(keyFile, createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString());
  });
  afterAll(() => t.close());

  it('streams NDJSON: a manifest of the program only, its events, their proofs, a trailer', async () => {
    const reply = await http.get(`/api/audit/exports?programId=${north.programId}`, auditor);
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = bundle.trimEnd().split('\n');
    const manifest = JSON.parse(lines[0] ?? '{}') as Manifest;
    expect(manifest).toMatchObject({ kind: 'manifest', formatVersion: 2 });
    expect(manifest.scope).toEqual({ programId: north.programId });
    const trailer = JSON.parse(lines.at(-1) ?? '{}') as Trailer;
    expect(trailer.kind).toBe('trailer');
    expect(trailer.streams).toBe(3); // program, contract, project
    expect(trailer.heads).toHaveLength(3);
    expect(trailer.heads.map((head) => head.streamId).join(' ')).not.toContain(south.projectId);
    expect(lines).toHaveLength(2 * trailer.events + 2);
  });

  it('verifies offline with the ledger CLI, against the operator key', async () => {
    const file = join(t.dataDir, 'bundle.ndjson');
    writeFileSync(file, bundle);
    const result = await verifyBundleFile(file, keyFile);
    expect(result).toMatchObject({ valid: true, problems: [], warnings: [] });
    expect(result.events).toBeGreaterThan(0);
  });

  it('an edited event in the file is reported at its line, stream and revision', async () => {
    const lines = bundle.trimEnd().split('\n');
    const event = JSON.parse(lines[1] ?? '{}') as {
      event: { data: Record<string, unknown>; streamId: string; revision: number };
    };
    event.event.data = { ...event.event.data, name: 'Fibre Elsewhere' };
    lines[1] = JSON.stringify(event);
    const file = join(t.dataDir, 'tampered.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const result = await verifyBundleFile(file, keyFile);
    expect(result.valid).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        kind: 'content-altered',
        line: 2,
        streamId: event.event.streamId,
        revision: event.event.revision,
      }),
    );
  });

  it('another program is 403; no scope or two scopes is 400; a pmo is 403', async () => {
    expectProblem(
      await http.get(`/api/audit/exports?programId=${south.programId}`, auditor),
      403,
      'program-not-in-claim',
    );
    expectProblem(
      await http.get(`/api/audit/exports?projectId=${south.projectId}`, auditor),
      403,
      'program-not-in-claim',
    );
    expect((await http.get('/api/audit/exports', auditor)).statusCode).toBe(400);
    expect(
      (
        await http.get(
          `/api/audit/exports?programId=${north.programId}&projectId=${north.projectId}`,
          auditor,
        )
      ).statusCode,
    ).toBe(400);
    const pmo = await t.token({ sub: 'pat', roles: ['pmo'] });
    expectProblem(
      await http.get(`/api/audit/exports?programId=${north.programId}`, pmo),
      403,
      'role-required',
    );
  });

  it('a project bundle verifies too', async () => {
    const reply = await http.get(`/api/audit/exports?projectId=${north.projectId}`, auditor);
    expect(reply.statusCode).toBe(200);
    const file = join(t.dataDir, 'project.ndjson');
    writeFileSync(file, reply.body);
    expect((await verifyBundleFile(file, keyFile)).valid).toBe(true);
  });
});
