import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import type { Role } from '@ledger/domain';
import { createApp, type CreateApiOptions } from '../../apps/api/src/create-app';
import { mintToken } from '@ledger/runtime';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly store: EventStore;
  readonly dataDir: string;
  token(claims?: {
    sub?: string;
    roles?: Role[];
    programs?: '*' | string[];
    ttlSeconds?: number;
  }): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real API (createApp, the same as main.ts) on the embedded SQLite store in a fresh temp
 * folder. Requests go through Fastify's full pipeline via inject (no socket needed).
 */
export async function startTestApp(
  extraEnv: Record<string, string> = {},
  options: Pick<CreateApiOptions, 'harnessModules'> = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const saved = { ...process.env };
  Object.assign(
    process.env,
    {
      DATA_DIR: dataDir,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
      EVENT_STORE: 'sqlite',
      READ_STORE: 'embedded',
    },
    extraEnv,
  );
  const app = await createApp(options);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  process.env = saved;
  return {
    app,
    store: app.get<EventStore>(EVENT_STORE),
    dataDir,
    token: ({
      sub = 'alice',
      roles = ['project-manager', 'pmo'] as Role[],
      programs = '*',
      ttlSeconds = 600,
    } = {}) => mintToken({ secret: TEST_JWT_SECRET, sub, roles, programs, ttlSeconds }),
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
