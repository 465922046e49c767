import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readOrCreateDataDirKeyFile } from '../config/data-dir-key-file';

export interface SigningSecret {
  readonly secret: string;
  /** Where the secret came from, for the start-up message. */
  readonly source: 'JWT_SECRET' | 'created' | 'data-dir';
  readonly path?: string;
}

export const SECRET_FILE_NAME = 'jwt-secret';

/**
 * The HS256 secret: JWT_SECRET when set; otherwise (embedded mode on a bare machine) one kept in
 * the data folder, created with owner-only permissions on first start so that tokens minted by
 * `npm run token` keep working across restarts.
 */
export function resolveSigningSecret(dataDir: string, fromEnvironment?: string): SigningSecret {
  if (fromEnvironment) return { secret: fromEnvironment, source: 'JWT_SECRET' };
  const file = readOrCreateDataDirKeyFile(
    dataDir,
    SECRET_FILE_NAME,
    () => `${randomBytes(48).toString('base64url')}\n`,
  );
  return {
    secret: file.content.trim(),
    source: file.created ? 'created' : 'data-dir',
    path: file.path,
  };
}

/**
 * The secret a running (or previously run) server signs with, for tools that mint tokens
 * (`npm run token`): JWT_SECRET, or the one in DATA_DIR. It never creates one: a secret made
 * here would not be the server's, and every token signed with it would get 401.
 */
export function existingSigningSecret(dataDir: string, fromEnvironment?: string): SigningSecret {
  if (fromEnvironment) return { secret: fromEnvironment, source: 'JWT_SECRET' };
  const path = join(dataDir, SECRET_FILE_NAME);
  try {
    return { secret: readFileSync(path, 'utf8').trim(), source: 'data-dir', path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  throw new Error(
    `no token secret at ${resolve(path)} (DATA_DIR=${dataDir}). The server creates it on its ` +
      `first start: start it first (npm start), or run this with the DATA_DIR the server uses ` +
      `(e.g. DATA_DIR=/path/to/its/data npm run token -- ...), or set JWT_SECRET to the server's.`,
  );
}
