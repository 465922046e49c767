import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mintToken, resolveSigningSecret, SECRET_FILE_NAME } from '@ledger/runtime';

/** The latest rebuild of a read model, as the admin routes answer it. */
export interface RebuildStatus {
  readonly state: 'running' | 'swapped' | 'failed';
  readonly phase: string;
  readonly position: number;
  readonly head: number;
  readonly events: number;
  readonly documents: number | null;
  readonly error: string | null;
}

export interface ReadModelStatus {
  readonly name: string;
  readonly collection: string;
  readonly checkpoint: number;
  readonly head: number;
  readonly documents: number;
  readonly rebuild: RebuildStatus | null;
}

/** A failed call to the service, with its problem+json detail when it sent one. */
export class AdminCallError extends Error {
  override readonly name = 'AdminCallError';
}

/**
 * The token `ledger` sends: --token, else LEDGER_TOKEN, else (on the machine that runs the
 * embedded default) a 5-minute admin token signed with JWT_SECRET or DATA_DIR's secret. It
 * never creates a secret: without one there is no server to talk to.
 */
export async function adminToken(explicit: string | undefined): Promise<string> {
  const given = explicit ?? process.env.LEDGER_TOKEN;
  if (given) return given;
  const dataDir = process.env.DATA_DIR ?? './data';
  if (!process.env.JWT_SECRET && !existsSync(join(dataDir, SECRET_FILE_NAME))) {
    throw new AdminCallError(
      `no token: pass --token or LEDGER_TOKEN (a token with the admin role), or run where ` +
        `JWT_SECRET or ${join(dataDir, SECRET_FILE_NAME)} is available`,
    );
  }
  const { secret } = resolveSigningSecret(dataDir, process.env.JWT_SECRET);
  return mintToken({
    secret,
    sub: `ledger-cli@${process.env.USER ?? 'operator'}`,
    roles: ['admin'],
    programs: '*',
    ttlSeconds: 300,
    issuer: process.env.JWT_ISSUER,
    audience: process.env.JWT_AUDIENCE,
  });
}

/** The admin routes of the process that writes the read models (api or apps/projector). */
export class AdminClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  list(): Promise<{ items: ReadModelStatus[] }> {
    return this.call('GET', '/api/admin/read-models');
  }

  get(name: string): Promise<ReadModelStatus> {
    return this.call('GET', `/api/admin/read-models/${encodeURIComponent(name)}`);
  }

  startRebuild(name: string): Promise<RebuildStatus> {
    return this.call('POST', `/api/admin/read-models/${encodeURIComponent(name)}/rebuild`);
  }

  private async call<T>(method: string, path: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' },
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      throw new AdminCallError(
        `cannot reach ${this.baseUrl} (${cause instanceof Error ? cause.message : String(cause)}): ` +
          'is the api (embedded) or apps/projector running? Use --url, or --offline when none runs',
      );
    }
    const text = await response.text();
    const body = text ? (JSON.parse(text) as unknown) : null;
    if (!response.ok) {
      const problem = body as { title?: string; detail?: string } | null;
      throw new AdminCallError(
        `${method} ${path}: ${response.status} ${problem?.detail ?? problem?.title ?? text}`,
      );
    }
    return body as T;
  }
}
