import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { validateEnvironment } from '@ledger/runtime';
import { listenOrExplain, startUpBanner, StartUpError } from '../apps/api/src/start-server';
import { startTestApp, type TestApp } from './support/test-app';

describe('start-up (what main.ts runs after createApp)', () => {
  let t: TestApp;
  let holder: Server;
  let heldPort: number;

  beforeAll(async () => {
    // Another process holding the port, as a second `npm start` finds it.
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    heldPort = (holder.address() as AddressInfo).port;
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => holder.close(() => resolve()));
  });

  it('a port already in use is one clear line naming the port and how to pick another', async () => {
    const error: unknown = await listenOrExplain(t.app, heldPort, '127.0.0.1').then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(StartUpError);
    const message = (error as Error).message;
    expect(message).toContain(`Port ${heldPort} on 127.0.0.1 is already in use`);
    expect(message).toMatch(/PORT=\d+ npm start/);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('the banner names the URL, the data folder, /docs and how to get a token', () => {
    const banner = startUpBanner(validateEnvironment({ PORT: '3100', DATA_DIR: '/srv/ledger' }));
    expect(banner).toContain('http://localhost:3100');
    expect(banner).toContain('/srv/ledger');
    expect(banner).toContain('http://localhost:3100/docs');
    // The token command must read the same DATA_DIR as the server to find its secret.
    expect(banner).toContain('DATA_DIR=/srv/ledger npm run -s token -- --sub alice');
  });
});
