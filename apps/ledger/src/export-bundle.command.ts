import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AdminCallError } from './admin-client';
import { announcedBundleLines } from './bundle-line-count';
import { ProgressBar } from './progress-bar';

/**
 * `ledger export --program <id> --out file`: streams GET /api/audit/exports of the running api
 * into a file, drawing progress (lines written of the lines the manifest announces). The bundle
 * is written as received, byte for byte: the api made it, `ledger verify --file` checks it.
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
  let [lines, bytes, total] = [0, 0, 0];
  let first = '';
  for await (const chunk of Readable.fromWeb(response.body as WebReadableStream<Uint8Array>)) {
    const buffer = chunk as Buffer;
    if (!file.write(buffer)) await once(file, 'drain');
    bytes += buffer.length;
    const text = buffer.toString('utf8');
    if (total === 0) {
      first += text;
      const end = first.indexOf('\n');
      if (end >= 0) total = announcedBundleLines(first.slice(0, end));
    }
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines += 1;
    bar.update({ done: lines, total, label: 'exporting' });
  }
  file.end();
  await finished(file);
  bar.done({ done: lines, total: Math.max(total, lines), label: `written to ${options.out}` });
  return { lines, bytes };
}
