import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSuccess, type Outcome } from './ledger-client';

/**
 * A test's figures: one line on stderr (Jest shows it) and the same JSON in
 * $TMPDIR/delivery-ledger-reliability/<test>.json, from which docs/RELIABILITY.md is updated.
 */
export function reportFigures(test: string, figures: Record<string, unknown>): void {
  const line = JSON.stringify({ test, at: new Date().toISOString(), ...figures });
  process.stderr.write(`\n[reliability] ${line}\n`);
  const dir = join(tmpdir(), 'delivery-ledger-reliability');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${test}.json`), `${line}\n`);
}

/** Answers by status class: `2xx`, else `<status> <problem type>`. */
export function tally(outcomes: readonly Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) {
    const type = outcome.answer.body['type'];
    const problem = typeof type === 'string' ? type.split('/').pop() : '(no problem type)';
    const key = isSuccess(outcome) ? '2xx' : `${outcome.answer.status} ${problem}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
