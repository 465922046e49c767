import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AdminCallError } from './admin-client';
import { ProgressBar } from './progress-bar';

/**
 * `ledger export --program <id> --out file`: streams GET /api/audit/exports of the running api
 * into a file, drawing progress (lines written, and their rate: the bundle's size is said only by
 * its trailer, docs/EVIDENCE-BUNDLE.md). The bundle is written as received, byte for byte: the
 * api made it, `ledger verify --file` checks it.
 */
export async function exportBundle(options: {
  readonly url: string;
  readonly token: string;
  readonly scope: { readonly name: 'programId' | 'projectId' | 'contractId'; readonly id: string };
  readonly out: string;
}): Promise<{ readonly lines: number; readonly bytes: number }> {
  const url = new URL('/api/audit/exports', options.url);
  url.searchParams.set(options.scope.name, options.scope.id);
  const response = await fetch(url, { headers: { authorization: `Bearer ${options.token}` } });
  if (!response.ok || !response.body) {
    const text = await response.text();
    throw new AdminCallError(`GET ${url.pathname}${url.search}: ${response.status} ${text}`);
  }
  const bar = new ProgressBar(process.stderr, 'lines');
  const file = createWriteStream(options.out);
  let [lines, bytes] = [0, 0];
  for await (const chunk of Readable.fromWeb(response.body as WebReadableStream<Uint8Array>)) {
    const buffer = chunk as Buffer;
    if (!file.write(buffer)) await once(file, 'drain');
    bytes += buffer.length;
    for (let at = buffer.indexOf(10); at >= 0; at = buffer.indexOf(10, at + 1)) lines += 1;
    bar.update({ done: lines, label: 'exporting' });
  }
  file.end();
  await finished(file);
  bar.done({ done: lines, label: `written to ${options.out}` });
  return { lines, bytes };
}
