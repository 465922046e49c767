import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPrivateAddress, WebhookSender, type ResolveHost } from './webhook-sender';

describe('WebhookSender SSRF stance', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['::1', true],
    ['fd00::1', true],
    ['::ffff:10.0.0.1', true],
    ['93.184.216.34', false],
    ['2606:4700::1111', false],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });

  it('refuses loopback and private targets before any request, unless allowed', async () => {
    const sender = new WebhookSender({ timeoutMs: 500 });
    await expect(sender.send('http://127.0.0.1:9/x', 'id', '{}', 'whsec_AAAA')).resolves.toEqual({
      ok: false,
      reason: 'refused address 127.0.0.1',
    });
    await expect(sender.send('https://10.0.0.5/x', 'id', '{}', 'whsec_AAAA')).resolves.toEqual({
      ok: false,
      reason: 'refused address 10.0.0.5',
    });
    await expect(sender.send('http://[::1]:9/x', 'id', '{}', 'whsec_AAAA')).resolves.toEqual({
      ok: false,
      reason: 'refused address ::1',
    });
  });
});

/**
 * DNS rebinding: the name is resolved by the agent's own `lookup`, so the address checked is the
 * address connected to. A real receiver on 127.0.0.1 counts what reaches it.
 */
describe('WebhookSender resolves names at connection time', () => {
  let server: Server;
  let port = 0;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests += 1;
      request.resume();
      request.on('end', () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    requests = 0;
  });

  /** A name the system resolver does not know, which this resolver points at 127.0.0.1. */
  const rebinding = (): { resolveHost: ResolveHost; asked: string[] } => {
    const asked: string[] = [];
    return {
      asked,
      resolveHost: (hostname) => {
        asked.push(hostname);
        return Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
      },
    };
  };

  it('refuses `localhost` (a name that resolves to 127.0.0.1) when the allow-list is off', async () => {
    const sender = new WebhookSender({ timeoutMs: 2000 });
    try {
      const result = await sender.send(`http://localhost:${port}/x`, 'id', '{}', 'whsec_AAAA');
      expect(result.ok).toBe(false);
      expect(result).toMatchObject({
        reason: expect.stringMatching(/^refused address (127\.0\.0\.1|::1)$/),
      });
      expect(requests).toBe(0);
    } finally {
      sender.close();
    }
  });

  it('checks the address the connection uses: a name resolved to 127.0.0.1 is refused, nothing is sent', async () => {
    const { resolveHost, asked } = rebinding();
    const sender = new WebhookSender({ timeoutMs: 2000, resolveHost });
    try {
      await expect(
        sender.send(`http://receiver.rebind.invalid:${port}/x`, 'id', '{}', 'whsec_AAAA'),
      ).resolves.toEqual({ ok: false, reason: 'refused address 127.0.0.1' });
      expect(asked).toEqual(['receiver.rebind.invalid']);
      expect(requests).toBe(0);
    } finally {
      sender.close();
    }
  });

  it('connects to exactly the address it checked (allowed here): the request reaches 127.0.0.1', async () => {
    const { resolveHost } = rebinding();
    const sender = new WebhookSender({ timeoutMs: 2000, resolveHost, allowPrivateAddresses: true });
    try {
      await expect(
        sender.send(`http://receiver.rebind.invalid:${port}/x`, 'id', '{}', 'whsec_AAAA'),
      ).resolves.toEqual({ ok: true });
      expect(requests).toBe(1);
    } finally {
      sender.close();
    }
  });

  it('delivers to localhost when private addresses are allowed (the tests’ configuration)', async () => {
    const sender = new WebhookSender({ timeoutMs: 2000, allowPrivateAddresses: true });
    try {
      await expect(
        sender.send(`http://localhost:${port}/x`, 'id', '{}', 'whsec_AAAA'),
      ).resolves.toEqual({ ok: true });
      expect(requests).toBe(1);
    } finally {
      sender.close();
    }
  });
});
