import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  CHECKPOINT_STORE,
  EVENT_STORE,
  SqliteCheckpointStore,
  SqliteEventStore,
} from '@ledger/event-store';
import { KurrentDbPublicEventsWriter } from '@ledger/runtime';
import { ProjectorAppModule } from './projector-app.module';

/**
 * The writer process starts the `public-events` writer when it runs on KurrentDB. The real
 * apps/projector module, configured EVENT_STORE=kurrentdb with a KURRENTDB_URL where no server
 * listens; only the log itself is a real SQLite store (there is no KurrentDB here), so the engine
 * and the reactor run as usual while the writer, started at bootstrap, waits for its server.
 */
describe('apps/projector starts the public-events writer on KurrentDB', () => {
  const saved = { ...process.env };
  let dir: string;
  let app: TestingModule | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-projector-public-events-'));
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  const boot = async (env: Record<string, string>): Promise<TestingModule> => {
    process.env = { ...saved, DATA_DIR: dir, LOG_LEVEL: 'silent', ...env };
    const events = await SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    const checkpoints = await SqliteCheckpointStore.open({ path: join(dir, 'events.sqlite') });
    const module = await Test.createTestingModule({
      imports: [ProjectorAppModule.forEnvironment()],
    })
      .overrideProvider(EVENT_STORE)
      .useValue(events)
      .overrideProvider(CHECKPOINT_STORE)
      .useValue(checkpoints)
      .compile();
    await module.init();
    return module;
  };

  it('EVENT_STORE=kurrentdb: the writer is created and running, working against KURRENTDB_URL', async () => {
    app = await boot({
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false',
    });
    const writer = app.get<KurrentDbPublicEventsWriter | null>(KurrentDbPublicEventsWriter);
    expect(writer).toBeInstanceOf(KurrentDbPublicEventsWriter);
    expect(writer!.running).toBe(true);
    for (let attempt = 0; attempt < 300 && writer!.degraded === undefined; attempt += 1) {
      await sleep(50);
    }
    expect(writer!.degraded?.attempts).toBeGreaterThanOrEqual(1);
  });

  it('EVENT_STORE=sqlite: no writer', async () => {
    app = await boot({ EVENT_STORE: 'sqlite' });
    expect(app.get<KurrentDbPublicEventsWriter | null>(KurrentDbPublicEventsWriter)).toBeNull();
  });
});
