import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { resolve } from 'node:path';
import type { Environment } from '@ledger/runtime';

/** A start-up failure a person can fix; main.ts prints its message alone (no stack), exit 1. */
export class StartUpError extends Error {
  override readonly name = 'StartUpError';
}

/**
 * Listens, turning the failures a newcomer meets (a second `npm start`, a port below 1024) into
 * one line that names the port and how to pick another, instead of a raw stack.
 */
export async function listenOrExplain(
  app: NestFastifyApplication,
  port: number,
  host: string,
): Promise<void> {
  try {
    await app.listen({ port, host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new StartUpError(
        `Port ${port} on ${host} is already in use (another delivery-ledger already running?). ` +
          `Stop that process, or pick another port: PORT=${port === 65535 ? 3001 : port + 1} npm start`,
      );
    }
    if (code === 'EACCES') {
      throw new StartUpError(
        `Not allowed to listen on port ${port} on ${host}. Pick a port above 1023: PORT=3000 npm start`,
      );
    }
    throw error;
  }
}

/** What a person needs after `npm start`, printed last so that no log line buries it. */
export function startUpBanner(env: Environment): string {
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  const url = `http://${host}:${env.PORT}`;
  const embedded = env.DATA_DIR === './data' ? '' : `DATA_DIR=${env.DATA_DIR} `;
  const tokenHint =
    env.JWT_JWKS_URL || env.JWT_PUBLIC_KEY
      ? 'from your identity provider (RS256)'
      : `${env.JWT_SECRET ? 'JWT_SECRET=<the same> ' : embedded}npm run -s token -- --sub alice --roles pmo,project-manager --programs '*'`;
  return [
    `delivery-ledger API listening on ${url}`,
    `  data:     ${resolve(env.DATA_DIR)} (event store: ${env.EVENT_STORE}, read store: ${env.READ_STORE}, projector: ${env.PROJECTOR})`,
    `  OpenAPI:  ${url}/docs    health: ${url}/health`,
    `  a token:  ${tokenHint}`,
  ].join('\n');
}
