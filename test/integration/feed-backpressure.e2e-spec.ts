import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { FeedService } from '../../apps/api/src/integration/feed/feed.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { openSse } from './sse-client';

/** Programs created: each one public message of ~2 KB (the name is long on purpose). */
const PROGRAMS = 30_000;
const NAME = 'n'.repeat(2000);
const STALL_TIMEOUT_MS = 1500;
const MB = 1024 * 1024;

/**
 * Issue 11 §2, backpressure: a client that stops reading must not make the server buffer the
 * history. The server and this test share a process, so the figures are this process's; the
 * history's SSE output is ~60 MB, far above the bounds asserted.
 */
describe('GET /api/feed with a client that stops reading', () => {
  let dataDir: string;
  let t: TestApp;
  let port: number;
  let token: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-feed-stall-'));
    const store = await SqliteEventStore.open({ path: join(dataDir, 'events.sqlite') });
    try {
      for (let start = 0; start < PROGRAMS; start += 500) {
        await Promise.all(
          Array.from({ length: Math.min(500, PROGRAMS - start) }, () => {
            const programId = randomUUID();
            return store.append(
              `program-${programId}`,
              [
                {
                  id: randomUUID(),
                  type: 'ProgramCreated',
                  schemaVersion: 2,
                  data: {
                    programId,
                    name: NAME,
                    customer: { id: 'cust-1', name: 'Nordic Telco' },
                    managerId: null,
                    createdBy: 'bench',
                  },
                  metadata: {
                    effectiveAt: '2026-01-01T00:00:00.000Z',
                    actor: { sub: 'bench', roles: ['admin'] },
                    correlationId: randomUUID(),
                    causationId: randomUUID(),
                    commandId: randomUUID(),
                  },
                },
              ],
              'no-stream',
            );
          }),
        );
      }
    } finally {
      await store.close();
    }
    // The projector runs elsewhere: only the feed reads this history here.
    t = await startTestApp({
      DATA_DIR: dataDir,
      PROJECTOR: 'external',
      FEED_STALL_TIMEOUT_MS: String(STALL_TIMEOUT_MS),
      FEED_MAX_CONNECTIONS_PER_TOKEN: '1',
    });
    await t.app.listen(0, '127.0.0.1');
    port = Number(new URL(await t.app.getUrl()).port);
    token = await t.token({ sub: 'slow-erp', roles: ['integration'], programs: '*' });
  }, 300_000);

  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps server memory flat while the client stalls, then drops it after FEED_STALL_TIMEOUT_MS', async () => {
    global.gc?.();
    const before = process.memoryUsage();
    const stalled = await stalledClient(port, token);
    const feeds = t.app.get(FeedService);
    expect(feeds.openFeeds).toBe(1);

    // While it is stuck, the same token cannot open a second feed (its slot is held)…
    const second = await openSse(`http://127.0.0.1:${port}`, '/api/feed', token);
    expect(second.status).toBe(429);

    let peakRss = before.rss;
    let peakHeap = before.heapUsed + before.external;
    const started = Date.now();
    while (feeds.openFeeds > 0 && Date.now() - started < 20 * STALL_TIMEOUT_MS) {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed + now.external);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const droppedAfterMs = Date.now() - started;
    const growth = {
      rss: (peakRss - before.rss) / MB,
      heap: (peakHeap - before.heapUsed - before.external) / MB,
    };
    process.stderr.write(
      `[feed stall] history ~${((PROGRAMS * (NAME.length + 700)) / MB).toFixed(0)} MB of SSE; ` +
        `client read ${(stalled.bytesRead() / 1024).toFixed(0)} KB before stalling; ` +
        `server dropped it after ${droppedAfterMs} ms; peak growth rss +${growth.rss.toFixed(1)} MB, ` +
        `heap+external +${growth.heap.toFixed(1)} MB\n`,
    );
    // …the server drops it after the stall timeout, and the slot is free again.
    expect(feeds.openFeeds).toBe(0);
    expect(droppedAfterMs).toBeGreaterThanOrEqual(STALL_TIMEOUT_MS / 2);
    // Generous bounds: buffering the history would take ~60 MB.
    expect(growth.heap).toBeLessThan(40);
    expect(growth.rss).toBeLessThan(60);
    stalled.socket.destroy();

    const after = await openSse(`http://127.0.0.1:${port}`, '/api/feed?live=false', token);
    expect(after.status).toBe(200);
    after.close();
  }, 120_000);
});

/**
 * A raw socket that sends the request, reads the first bytes (so the stream has begun), then
 * stops reading: the kernel's buffers fill and the server's writes stop draining.
 */
function stalledClient(
  port: number,
  token: string,
): Promise<{ socket: Socket; bytesRead: () => number }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.write(
        `GET /api/feed HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
          'Accept: text/event-stream\r\n\r\n',
      );
    });
    socket.on('error', () => undefined);
    socket.once('data', (chunk: Buffer) => {
      if (!chunk.toString('latin1').startsWith('HTTP/1.1 200')) {
        reject(new Error(`feed refused: ${chunk.toString('latin1').slice(0, 200)}`));
        return;
      }
      socket.pause();
      resolve({ socket, bytesRead: () => socket.bytesRead });
    });
  });
}
