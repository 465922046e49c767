import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DataDirKeyFile {
  /** The file's text as stored (or as just written). */
  readonly content: string;
  /** True when this call created the file. */
  readonly created: boolean;
  readonly path: string;
}

/**
 * A secret kept in DATA_DIR (the embedded default on a bare machine): read when the file exists,
 * otherwise created owner-only from `create()` on first start so what was made with it before a
 * restart still works. When two processes start together, the one that loses the race reads the
 * other's file ('wx' refuses to overwrite it).
 */
export function readOrCreateDataDirKeyFile(
  dataDir: string,
  fileName: string,
  create: () => string,
): DataDirKeyFile {
  const path = join(dataDir, fileName);
  try {
    return { content: readFileSync(path, 'utf8'), created: false, path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const content = create();
  try {
    writeFileSync(path, content, { mode: 0o600, flag: 'wx' });
    return { content, created: true, path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { content: readFileSync(path, 'utf8'), created: false, path };
  }
}
