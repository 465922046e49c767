import { mkdtempSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SqliteEventStore } from '@ledger/event-store';
import type { Environment, Principal } from '@ledger/runtime';
import { FeedFilter } from './feed-filter';
import { FeedService, type FeedRequest } from './feed.service';

const integration: Principal = { sub: 'erp', roles: ['integration'], programs: '*' };

/** A socket that takes nothing: every write leaves it full, and it never drains. */
function fullSocket(): ServerResponse {
  return new Writable({ highWaterMark: 1, write: () => undefined }) as unknown as ServerResponse;
}

/**
 * The lines the feed writes about one connection name the request's correlation id: nothing else
 * ties them to the request, since no per-request logging context follows it (RequestLog).
 */
describe('FeedService log lines', () => {
  let dataDir: string;
  let store: SqliteEventStore;
  let feeds: FeedService;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-feed-log-'));
    store = await SqliteEventStore.open({ path: join(dataDir, 'events.sqlite') });
    const config = new ConfigService<Environment, true>({
      FEED_MAX_CONNECTIONS_PER_TOKEN: 2,
      FEED_MAX_CONNECTIONS: 10,
      FEED_HEARTBEAT_MS: 60_000,
      FEED_STALL_TIMEOUT_MS: 50,
    });
    feeds = new FeedService(store, config);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await feeds.onModuleDestroy();
    await store.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const request: FeedRequest = {
    subject: 'erp',
    correlationId: 'corr-feed-1',
    after: 0,
    filter: FeedFilter.from(integration, undefined, undefined),
    follow: false,
  };

  it("names the correlation id on the line saying a stalled client's feed was dropped", async () => {
    await store.append(
      'program-pg1',
      [
        {
          id: '00000000-0000-4000-8000-000000000001',
          type: 'ProgramCreated',
          schemaVersion: 2,
          data: {
            programId: 'pg1',
            name: 'Metro fibre',
            customer: { id: 'cust-1', name: 'Nordic Telco' },
            managerId: null,
            createdBy: 'alice',
          },
          metadata: {
            effectiveAt: '2026-03-01T12:00:00.000Z',
            actor: { sub: 'alice', roles: ['pmo'] },
            correlationId: 'corr-of-the-command',
            causationId: 'cmd-1',
            commandId: 'cmd-1',
          },
        },
      ],
      'no-stream',
    );
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const released = jest.fn();

    await feeds.serve(request, fullSocket(), released);

    expect(warn).toHaveBeenCalledWith({
      correlationId: 'corr-feed-1',
      msg: 'feed of erp dropped: its socket stayed full',
    });
    expect(released).toHaveBeenCalledTimes(1);
  });

  it('names the correlation id on the line about a feed that failed', async () => {
    await store.close();
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

    await feeds.serve(request, fullSocket(), () => undefined);

    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0]?.[0]).toMatchObject({ correlationId: 'corr-feed-1' });
  });
});
