import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parsePublicKey, verifyEvidenceBundle, type BundleVerification } from '@ledger/audit';
import { announcedBundleLines } from './bundle-line-count';
import { ProgressBar } from './progress-bar';

/**
 * `ledger verify --file bundle.ndjson [--public-key key.pem]`: verifies an evidence bundle
 * OFFLINE, from the file alone (no server, no database), with @ledger/audit's verifier. Progress
 * is drawn on stderr (lines read of the lines the manifest announces).
 */
export async function verifyBundleFile(
  file: string,
  publicKeyFile?: string,
  progress?: ProgressBar,
): Promise<BundleVerification> {
  const publicKey = publicKeyFile ? parsePublicKey(readFileSync(publicKeyFile, 'utf8')) : undefined;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let [read, total] = [0, 0];
  async function* counted(): AsyncGenerator<string> {
    for await (const line of lines) {
      read += 1;
      if (read === 1) total = announcedBundleLines(line);
      if (read % 1000 === 0) progress?.update({ done: read, total, label: 'verifying' });
      yield line;
    }
  }
  const result = await verifyEvidenceBundle(counted(), { publicKey });
  progress?.done({ done: read, total: Math.max(total, read), label: 'verified' });
  return result;
}

/** What a verification says, one problem per line, each located: for stdout / stderr. */
export function describeBundleVerification(file: string, result: BundleVerification): string {
  const lines = result.warnings.map((warning) => `warning: ${warning}`);
  if (result.valid) {
    lines.push(
      `${file}: valid: ${result.events} events in ${result.streams} streams, ${result.proofs} inclusion proofs ` +
        `against checkpoint ${result.checkpoint?.size ?? '?'} (root ${result.checkpoint?.rootHash ?? '?'}, key ${result.checkpoint?.keyId ?? '?'})`,
    );
    return lines.join('\n');
  }
  lines.push(`${file}: NOT valid (${result.problems.length} problems)`);
  for (const problem of result.problems) {
    const at = [
      `line ${problem.line}`,
      problem.streamId !== undefined ? `stream ${problem.streamId}` : '',
      problem.revision !== undefined ? `revision ${problem.revision}` : '',
      problem.leaf !== undefined ? `leaf ${problem.leaf}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(`  ${at}: ${problem.kind}: ${problem.detail}`);
  }
  return lines.join('\n');
}
