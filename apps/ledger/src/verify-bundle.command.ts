import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parsePublicKey, verifyEvidenceBundle, type BundleVerification } from '@ledger/audit';
import { ProgressBar } from './progress-bar';

/**
 * `ledger verify --file bundle.ndjson [--public-key key.pem]`: verifies an evidence bundle
 * OFFLINE, from the file alone (no server, no database), with @ledger/audit's verifier. Progress
 * is drawn on stderr in bytes read of the file's size: a version 2 bundle announces its counts
 * only in its last line (docs/EVIDENCE-BUNDLE.md), the size is known for either version.
 */
export async function verifyBundleFile(
  file: string,
  publicKeyFile?: string,
  progress?: ProgressBar,
): Promise<BundleVerification> {
  const publicKey = publicKeyFile ? parsePublicKey(readFileSync(publicKeyFile, 'utf8')) : undefined;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  const total = statSync(file).size;
  let [lineCount, bytes] = [0, 0];
  async function* counted(): AsyncGenerator<string> {
    for await (const line of lines) {
      lineCount += 1;
      bytes += Buffer.byteLength(line) + 1;
      if (lineCount % 1000 === 0) progress?.update({ done: bytes, total, label: 'verifying' });
      yield line;
    }
  }
  const result = await verifyEvidenceBundle(counted(), { publicKey });
  progress?.done({ done: total, total, label: 'verified' });
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
