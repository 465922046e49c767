import { connect, type AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../support/test-app';
import { problemCode, send } from './security-world';
import { hostileTokens } from './hostile-tokens';

/**
 * Issue 9, load shedding: a flood from one caller is limited (429 problem+json with Retry-After)
 * while other callers and /health are served; a body dripped byte by byte is cut off (408).
 */
describe('load shedding: rate limits per caller', () => {
  const LIMIT = 20;
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT), RATE_LIMIT_TTL_SECONDS: '60' });
  });
  afterAll(() => t.close());

  it("a flood from one token is limited while another token's requests still pass", async () => {
    const flooder = await t.token({ sub: 'flooder', roles: ['auditor'] });
    const bystander = await t.token({ sub: 'bystander', roles: ['auditor'] });
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof send>> | undefined;
    for (let i = 0; i < LIMIT * 3; i += 1) {
      const reply = await send(t, 'GET', '/api/projects', flooder, undefined);
      statuses.push(reply.statusCode);
      if (reply.statusCode === 429) limited ??= reply;
      if (i % 5 === 0) {
        // The other caller is served all along, and so is /health.
        expect((await send(t, 'GET', '/api/projects', bystander, undefined)).statusCode).toBe(200);
        expect((await send(t, 'GET', '/health', undefined, undefined)).statusCode).toBe(200);
      }
    }
    expect(statuses.slice(0, LIMIT).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(LIMIT).every((status) => status === 429)).toBe(true);
    expect(limited && problemCode(limited)).toBe('too-many-requests');
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited?.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('commands are limited too, and a refused command writes nothing', async () => {
    const pm = await t.token({ sub: 'busy-pm', roles: ['project-manager'] });
    for (let i = 0; i < LIMIT; i += 1) await send(t, 'GET', '/api/projects', pm, undefined);
    const head = await t.store.headPosition();
    const reply = await send(t, 'POST', '/api/programs', pm, {
      name: 'One too many',
      customerId: 'cust-1',
      customerName: 'Nordic Telco',
    });
    expect(reply.statusCode).toBe(429);
    expect(await t.store.headPosition()).toBe(head);
  });

  it('requests without a valid token are counted per address, so forged tokens mint no fresh budget', async () => {
    const from = (remoteAddress: string, token: string | undefined) =>
      t.app.inject({
        method: 'GET',
        url: '/api/projects',
        remoteAddress,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    const { forged } = hostileTokens();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 5; i += 1)
      statuses.push((await from('127.0.0.9', i % 2 === 0 ? forged : undefined)).statusCode);
    expect(statuses.slice(0, LIMIT).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(LIMIT).every((status) => status === 429)).toBe(true);
    // Another address is not affected.
    expect((await from('127.0.0.10', undefined)).statusCode).toBe(401);
  });

  it('/health is never limited', async () => {
    for (let i = 0; i < LIMIT * 2; i += 1)
      expect((await send(t, 'GET', '/health', undefined, undefined)).statusCode).toBe(200);
  });
});

describe('load shedding: a slow-drip body times out', () => {
  const TIMEOUT_MS = 1500;
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('headers then one byte every 200 ms: answered 408 problem+json and closed long before the body ends', async () => {
    const token = await t.token({ sub: 'dripper', roles: ['pmo'] });
    const body = JSON.stringify({ name: 'x'.repeat(80), customerId: 'c', customerName: 'n' });
    // Dripping the whole body would take ~body.length × 200 ms (over 20 s); the server must cut it.
    const outcome = await new Promise<{ answer: string; bytesSent: number; closed: boolean }>(
      (resolve) => {
        const socket = connect(port, '127.0.0.1');
        let answer = '';
        let sent = 0;
        let timer: NodeJS.Timeout | undefined;
        const finish = (closed: boolean) => {
          clearInterval(timer);
          clearTimeout(deadline);
          socket.destroy();
          resolve({ answer, bytesSent: sent, closed });
        };
        // Generous: the drip itself lasts over 20 s, the server's limit is 1.5 s (+1 s check).
        const deadline = setTimeout(() => finish(false), 15_000);
        socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
        socket.on('close', () => finish(true));
        socket.on('error', () => undefined);
        socket.on('connect', () => {
          socket.write(
            `POST /api/programs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
              `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
          );
          timer = setInterval(() => {
            if (sent >= body.length || socket.destroyed) return;
            socket.write(body[sent] ?? '');
            sent += 1;
          }, 200);
        });
      },
    );
    expect(outcome.closed).toBe(true);
    expect(outcome.bytesSent).toBeLessThan(body.length);
    expect(outcome.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(outcome.answer).toContain('application/problem+json');
    expect(outcome.answer).toContain('/request-timeout');
    expect(await t.store.headPosition()).toBe(0);
    // The server still serves everyone else.
    expect((await send(t, 'GET', '/health', undefined, undefined)).statusCode).toBe(200);
  });
});
