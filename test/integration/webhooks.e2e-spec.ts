import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { webhookVerificationProblem } from '@ledger/contracts';
import { eventually } from '../support/eventually';
import { createProgram } from '../support/fixtures';
import { httpClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

interface Delivery {
  readonly programid: string;
  readonly type: string;
  readonly sequence: string;
  readonly verified: string | null;
}

/**
 * Issue 11 §3 over HTTP: subscriptions managed at /api/webhook-subscriptions (recorded as
 * events, the secret answered once), deliveries to a real receiver on 127.0.0.1 that checks
 * each signature with the copyable verify function, scoped to the subscription's programs.
 */
describe('webhook subscriptions (HTTP, real receiver on 127.0.0.1)', () => {
  let t: TestApp;
  let receiver: Server;
  let url: string;
  const deliveries: Delivery[] = [];
  let secret = 'whsec_unknown';
  const http = httpClient(() => t);
  let pmo: string;
  let erp: string;
  let other: string;
  let programA: string;
  let programB: string;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const message = JSON.parse(body) as Omit<Delivery, 'verified'>;
        deliveries.push({
          programid: message.programid,
          type: message.type,
          sequence: message.sequence,
          verified: webhookVerificationProblem({
            headers: {
              'webhook-id': String(request.headers['webhook-id']),
              'webhook-timestamp': String(request.headers['webhook-timestamp']),
              'webhook-signature': String(request.headers['webhook-signature']),
            },
            body,
            secret,
            nowSeconds: Math.floor(Date.now() / 1000),
          }),
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    t = await startTestApp({ WEBHOOK_ALLOW_LOOPBACK: 'true' });
    pmo = await t.token({ sub: 'pat', roles: ['pmo'] });
    programA = await createProgram(http, pmo, 'Fibre North');
    programB = await createProgram(http, pmo, 'Fibre South');
    erp = await t.token({ sub: 'erp', roles: ['integration'], programs: [programA] });
    other = await t.token({ sub: 'crm', roles: ['integration'], programs: [programA] });
  });
  afterAll(async () => {
    await t.close();
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('refuses a URL outside the policy and programs outside the claim', async () => {
    const refusedUrl = await http.post(
      '/api/webhook-subscriptions',
      { url: 'https://user:pw@erp.example.com/x', eventTypes: 'all', programIds: [programA] },
      erp,
    );
    expect(refusedUrl.statusCode).toBe(422);
    expect(refusedUrl.json<{ type: string }>().type).toContain('webhook-url-invalid');
    const outside = await http.post(
      '/api/webhook-subscriptions',
      { url, eventTypes: 'all', programIds: [programB] },
      erp,
    );
    expect(outside.statusCode).toBe(403);
    const unknownType = await http.post(
      '/api/webhook-subscriptions',
      { url, eventTypes: ['com.delivery-ledger.nothing.v1'], programIds: [programA] },
      erp,
    );
    expect(unknownType.statusCode).toBe(400);
  });

  it('answers the secret once, delivers its programs only, signed, in order; pause, list, delete', async () => {
    const created = await http.post(
      '/api/webhook-subscriptions',
      { url, eventTypes: 'all', programIds: [programA] },
      erp,
    );
    expect(created.statusCode).toBe(201);
    const subscription = created.json<{ subscriptionId: string; secret: string; status: string }>();
    expect(subscription.secret).toMatch(/^whsec_/);
    expect(subscription.status).toBe('active');
    secret = subscription.secret;
    const path = `/api/webhook-subscriptions/${subscription.subscriptionId}`;

    await eventually('the delivery of program A', () =>
      Promise.resolve(deliveries.length >= 1 ? true : undefined),
    );
    await createProgram(http, pmo, 'Fibre East');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(deliveries).toEqual([expect.objectContaining({ programid: programA, verified: null })]);

    const read = await http.get(path, erp);
    expect(read.statusCode).toBe(200);
    expect(read.json()).not.toHaveProperty('secret');
    expect((await http.get('/api/webhook-subscriptions', erp)).json()).toHaveLength(1);
    expect((await http.get('/api/webhook-subscriptions', other)).json()).toHaveLength(0);
    expect((await http.get(path, other)).statusCode).toBe(404);

    const paused = await http.postAs(`${path}/pause`, erp);
    expect(paused.json<{ status: string }>().status).toBe('paused');
    const resumed = await http.postAs(`${path}/resume`, erp);
    expect(resumed.json<{ status: string }>().status).toBe('active');
    expect((await http.get(`${path}/deliveries`, erp)).json()).toEqual([]);

    const replay = await http.postAs(`${path}/replay?from=1`, erp);
    expect(replay.statusCode).toBe(202);
    await eventually('the replay', () =>
      Promise.resolve(deliveries.length >= 2 ? true : undefined),
    );
    expect(deliveries[1]).toEqual(deliveries[0]);

    const events = await t.store.readStream(`webhook-subscription-${subscription.subscriptionId}`);
    expect(events.map((event) => event.type)).toEqual([
      'WebhookSubscriptionCreated',
      'WebhookSubscriptionPaused',
      'WebhookSubscriptionResumed',
    ]);
    expect(JSON.stringify(events)).not.toContain(secret.slice('whsec_'.length));
    // Encrypted at rest: in none of the data folder's files (event log, read store, their WALs).
    const files = readdirSync(t.dataDir, { withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(join(t.dataDir, file.name));
      expect(bytes.includes(secret.slice('whsec_'.length))).toBe(false);
    }

    const deleted = await t.app.inject({
      method: 'DELETE',
      url: path,
      headers: { authorization: `Bearer ${erp}` },
    });
    expect(deleted.statusCode).toBe(204);
    expect((await http.get(path, erp)).statusCode).toBe(404);
  });
});
