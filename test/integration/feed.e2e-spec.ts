import type { PublicCloudEvent } from '@ledger/contracts';
import { PublicEventMapper, sequenceOf } from '@ledger/contracts';
import {
  COMPACT_DELIVERY,
  generateDeliveryHistory,
  historyClock,
  Rng,
  type DeliveryProfile,
} from '@ledger/delivery-history';
import type { RecordedEvent } from '@ledger/event-store';
import { startTestApp, type TestApp } from '../support/test-app';
import { openSse, type SseConnection } from './sse-client';

/** The compact history the contract's int-spec uses, three projects a program. */
const COMPACT: DeliveryProfile = { ...COMPACT_DELIVERY, projectsPerProgram: 3 };

const RISK_RAISED = 'com.delivery-ledger.project.risk-raised.v1';
const SCOPE_CHANGED = 'com.delivery-ledger.project.scope-changed.v1';
const PROJECT_CREATED = 'com.delivery-ledger.project.created.v1';

/**
 * GET /api/feed over a real socket (issue 11 §2): the expected messages are the mapper run over
 * the whole log, so the feed must deliver exactly those, in order, whatever the reconnects.
 */
describe('GET /api/feed (Server-Sent Events)', () => {
  let t: TestApp;
  let base: string;
  let integration: string;
  let published: PublicCloudEvent[];
  let programs: string[];
  const open: SseConnection[] = [];
  const sse = async (path: string, token: string, headers: Record<string, string> = {}) => {
    const connection = await openSse(base, path, token, headers);
    open.push(connection);
    return connection;
  };
  const payloads = (connection: SseConnection) =>
    connection.messages.map((message) => JSON.parse(message.data) as PublicCloudEvent);

  beforeAll(async () => {
    t = await startTestApp({ FEED_HEARTBEAT_MS: '200' });
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
    await generateDeliveryHistory(t.store, historyClock(), {
      profile: COMPACT,
      seed: 11,
      maxEvents: 1500,
    });
    const log: RecordedEvent[] = [];
    for (let after = 0; ;) {
      const page = await t.store.readAll({ after, maxCount: 1000 });
      if (page.length === 0) break;
      log.push(...page);
      after = page[page.length - 1]!.position;
    }
    const mapper = new PublicEventMapper();
    published = log.flatMap((event) => mapper.map(event) ?? []);
    programs = [...new Set(published.map((message) => message.programid))];
    integration = await t.token({ sub: 'erp', roles: ['integration'], programs: '*' });
  }, 180_000);

  afterEach(() => {
    for (const connection of open.splice(0)) connection.close();
  });
  afterAll(async () => {
    await t.close();
  });

  it('the history has public events of at least two programs', () => {
    expect(published.length).toBeGreaterThan(100);
    expect(programs.length).toBeGreaterThanOrEqual(2);
  });

  it('a client cut off at random points and resumed by Last-Event-ID gets every public event once, in order', async () => {
    const rng = new Rng(2026);
    const received: PublicCloudEvent[] = [];
    let lastEventId: string | undefined;
    let connections = 0;
    while (received.length < published.length) {
      const connection = await sse(
        '/api/feed',
        integration,
        lastEventId === undefined ? {} : { 'last-event-id': lastEventId },
      );
      connections += 1;
      expect(connection.status).toBe(200);
      const wanted = Math.min(1 + Math.floor(rng.next() * 40), published.length - received.length);
      await connection.waitForMessages(wanted);
      connection.close();
      received.push(...payloads(connection));
      lastEventId = connection.messages.at(-1)?.id ?? lastEventId;
    }
    process.stderr.write(
      `[feed] ${published.length} public events over ${connections} connections\n`,
    );
    expect(connections).toBeGreaterThan(3);
    expect(received.map((message) => message.sequence)).toEqual(
      published.map((message) => message.sequence),
    );
    expect(received).toEqual(published);
  }, 120_000);

  it('frames each message with id = sequence and event = type, after a retry field', async () => {
    const connection = await sse('/api/feed?live=false', integration);
    await connection.ended;
    expect(connection.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(connection.retries).toEqual([3000]);
    expect(connection.messages.map((message) => [message.id, message.event])).toEqual(
      published.map((message) => [message.sequence, message.type]),
    );
  });

  it('?after= resumes strictly after a position; Last-Event-ID wins over it', async () => {
    const middle = published[Math.floor(published.length / 2)]!;
    const after = await sse(`/api/feed?live=false&after=${Number(middle.sequence)}`, integration);
    await after.ended;
    const expected = published.filter((message) => message.sequence > middle.sequence);
    expect(payloads(after)).toEqual(expected);

    const both = await sse('/api/feed?live=false&after=0', integration, {
      'last-event-id': middle.sequence,
    });
    await both.ended;
    expect(payloads(both)).toEqual(expected);
  });

  it("a token scoped to one program receives that program's events only; one scoped elsewhere receives nothing", async () => {
    const [first] = programs as [string];
    const own = await sse(
      '/api/feed?live=false',
      await t.token({ sub: 'erp-one', roles: ['integration'], programs: [first] }),
    );
    const elsewhere = await sse(
      '/api/feed?live=false',
      await t.token({ sub: 'erp-none', roles: ['integration'], programs: ['program-elsewhere'] }),
    );
    await Promise.all([own.ended, elsewhere.ended]);
    expect(payloads(own)).toEqual(published.filter((message) => message.programid === first));
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.messages).toEqual([]);
  });

  it('?programId narrows to one program, and a program outside the claim is refused', async () => {
    const [first, second] = programs as [string, string];
    const narrowed = await sse(`/api/feed?live=false&programId=${second}`, integration);
    await narrowed.ended;
    expect(payloads(narrowed)).toEqual(published.filter((message) => message.programid === second));

    const refused = await sse(
      `/api/feed?programId=${second}`,
      await t.token({ sub: 'erp-one', roles: ['integration'], programs: [first] }),
    );
    expect(refused.status).toBe(403);
    expect(await refused.body).toContain('program-not-in-claim');
  });

  it('?type filters (repeated or comma list); an unknown type is a 400', async () => {
    const filtered = await sse(
      `/api/feed?live=false&type=${RISK_RAISED},${SCOPE_CHANGED}&type=${PROJECT_CREATED}`,
      integration,
    );
    await filtered.ended;
    const types = new Set([RISK_RAISED, SCOPE_CHANGED, PROJECT_CREATED]);
    const expected = published.filter((message) => types.has(message.type));
    expect(expected.length).toBeGreaterThan(0);
    expect(payloads(filtered)).toEqual(expected);

    const unknown = await t.app.inject({
      url: '/api/feed?type=RiskRaised',
      headers: { authorization: `Bearer ${integration}` },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('a Last-Event-ID that is not a sequence is a 400 problem', async () => {
    const reply = await t.app.inject({
      url: '/api/feed',
      headers: { authorization: `Bearer ${integration}`, 'last-event-id': 'yesterday' },
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.headers['content-type']).toContain('application/problem+json');
  });

  it('only integration and admin may open it', async () => {
    const pm = await t.token({ sub: 'pm', roles: ['project-manager'], programs: '*' });
    const reply = await t.app.inject({
      url: '/api/feed',
      headers: { authorization: `Bearer ${pm}` },
    });
    expect(reply.statusCode).toBe(403);
  });

  it('at the head it sends heartbeat comments, then a new fact live, with no gap after the catch-up', async () => {
    const last = published.at(-1)!;
    const tail = await sse('/api/feed', integration, { 'last-event-id': last.sequence });
    await tail.waitForComment();
    expect(tail.comments).toContain('heartbeat');
    expect(tail.messages).toEqual([]);

    const admin = await t.token({ sub: 'admin', roles: ['admin'], programs: '*' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/programs',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        name: 'Live program',
        customerId: 'cust-9',
        customerName: 'Live Customer',
      }),
    });
    expect(created.statusCode).toBe(201);
    const programId = created.json<{ id: string }>().id;
    await tail.waitForMessages(1);
    const [live] = payloads(tail);
    expect(live?.type).toBe('com.delivery-ledger.program.created.v1');
    expect(live?.programid).toBe(programId);
    expect(Number(live?.sequence)).toBeGreaterThan(Number(last.sequence));
    const head = await t.store.headPosition();
    expect((live?.sequence ?? '') <= sequenceOf(head)).toBe(true);
  });
});

describe('GET /api/feed connection limits', () => {
  let t: TestApp;
  let base: string;
  const open: SseConnection[] = [];

  beforeAll(async () => {
    t = await startTestApp({ FEED_MAX_CONNECTIONS_PER_TOKEN: '2', FEED_MAX_CONNECTIONS: '3' });
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
  });
  afterAll(async () => {
    for (const connection of open) connection.close();
    await t.close();
  });

  const connect = async (sub: string) => {
    const token = await t.token({ sub, roles: ['integration'], programs: '*' });
    const connection = await openSse(base, '/api/feed', token);
    open.push(connection);
    return connection;
  };

  it('answers 429 problem+json over the per-token limit, then over the total; a closed feed frees its slot', async () => {
    expect((await connect('a')).status).toBe(200);
    const second = await connect('a');
    expect(second.status).toBe(200);
    const third = await connect('a');
    expect(third.status).toBe(429);
    expect(third.headers['content-type']).toContain('application/problem+json');
    expect(third.headers['retry-after']).toBeDefined();
    expect(await third.body).toContain('too-many-requests');

    expect((await connect('b')).status).toBe(200);
    const overTotal = await connect('c');
    expect(overTotal.status).toBe(429);
    expect(await overTotal.body).toContain('open feeds');

    second.close();
    await second.ended;
    // The server learns of the close from the socket: retry until the slot is back.
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt += 1) {
      const again = await connect('c');
      status = again.status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(200);
  });
});

describe('GET /api/feed when the server stops', () => {
  it('ends open feeds, so shutting down does not wait for clients (they reconnect after retry)', async () => {
    const t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    const token = await t.token({ sub: 'erp', roles: ['integration'], programs: '*' });
    const following = await openSse(await t.app.getUrl(), '/api/feed', token);
    expect(following.status).toBe(200);
    await t.close();
    await following.ended;
    expect(following.retries).toEqual([3000]);
  }, 30_000);
});
