/**
 * `npm run bench`: every benchmark in turn, each printing one JSON line
 * `{"bench", "ours", "baseline", "unit", "ratio", ...}`. Pass names to run a subset:
 * `npm run bench -- append-batched http-commands`.
 */
import { run as appendBatched } from './append-batched.bench';
import { run as appendConcurrent } from './append-concurrent.bench';
import { run as httpCommands } from './http-commands.bench';

const BENCHES: Record<string, () => Promise<void>> = {
  'append-batched': appendBatched,
  'append-concurrent': appendConcurrent,
  'http-commands': httpCommands,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in BENCHES));
  if (unknown.length > 0)
    throw new Error(
      `unknown bench(es): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`,
    );
  for (const [name, bench] of Object.entries(BENCHES)) {
    if (wanted.length === 0 || wanted.includes(name)) await bench();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
