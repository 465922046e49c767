import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The tool named in a bundle's manifest: this package and its version. */
export const TOOL: { readonly name: string; readonly version: string } = (() => {
  try {
    const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
      name?: string;
      version?: string;
    };
    return { name: pkg.name ?? 'delivery-ledger', version: pkg.version ?? 'unknown' };
  } catch {
    return { name: 'delivery-ledger', version: 'unknown' };
  }
})();
