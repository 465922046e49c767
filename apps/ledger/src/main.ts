import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { READ_MODELS } from '@ledger/projections';
import { AdminCallError, AdminClient, adminToken } from './admin-client';
import { rebuildOffline, rebuildOnline } from './rebuild.command';
import { exportBundle } from './export-bundle.command';
import { ProgressBar } from './progress-bar';
import { describeBundleVerification, verifyBundleFile } from './verify-bundle.command';
import { verifyLogOffline } from './verify-log.command';
import { replayStream } from './replay.command';

const USAGE = `ledger: operations on delivery-ledger

  ledger read-models                 each read model: checkpoint, head, documents, last rebuild
  ledger rebuild <name>|all          replay into a fresh collection and swap it in, with progress;
                                     queries keep being answered meanwhile
  ledger export --program <id> --out <file>
                                     an evidence bundle (also --project / --contract) from the
                                     running api (GET /api/audit/exports), written as received
  ledger verify --file <bundle> [--public-key <pem>]
                                     verifies an evidence bundle OFFLINE, from the file alone:
                                     chains, inclusion proofs, the checkpoint signature, counts;
                                     exit 0 when valid, 1 with each problem located otherwise
  ledger replay <stream> [--as-of <ISO time>] [--effective-on <YYYY-MM-DD>]
                                     the stream's aggregate folded from the log (DATA_DIR, …) as
                                     recorded by --as-of, with the facts effective by --effective-on
  ledger verify --offline [--stream <id>]
                                     verifies the log the environment names (DATA_DIR, …) here:
                                     every chain, the tree and every checkpoint (or one stream)

options:
  --url <url>       the process that writes the read models: the api in embedded mode, apps/projector
                    in production (default http://localhost:$PORT, PORT defaults to 3000)
  --token <jwt>     a token with the admin role (or LEDGER_TOKEN; on the embedded machine one is
                    minted from JWT_SECRET or DATA_DIR's secret)
  --offline         no service is running: rebuild here, on the stores the environment names
                    (EVENT_STORE, READ_STORE, DATA_DIR, …); refused while --url answers

read models: ${READ_MODELS.map((projection) => projection.name).join(', ')}`;

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      offline: { type: 'boolean', default: false },
      file: { type: 'string' },
      'public-key': { type: 'string' },
      stream: { type: 'string' },
      program: { type: 'string' },
      project: { type: 'string' },
      contract: { type: 'string' },
      out: { type: 'string' },
      'as-of': { type: 'string' },
      'effective-on': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, target] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const url = values.url ?? `http://localhost:${process.env.PORT ?? '3000'}`;
  const known = READ_MODELS.map((projection) => projection.name);

  if (command === 'rebuild') {
    if (!target) throw new AdminCallError(`rebuild what? one of: all, ${known.join(', ')}`);
    const names = target === 'all' ? known : [target];
    const unknown = names.filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      throw new AdminCallError(`unknown read model "${unknown[0]}"; known: ${known.join(', ')}`);
    }
    if (values.offline) {
      if (await answers(url)) {
        throw new AdminCallError(
          `${url} answers: a service is running and writes the read models; rebuild through it ` +
            '(drop --offline), or stop it first',
        );
      }
      for (const result of await rebuildOffline(names)) {
        process.stdout.write(
          `${result.readModel}: swapped in at position ${result.position} ` +
            `(${result.events} events, ${result.documents} documents, ${result.elapsedMs} ms)\n`,
        );
      }
      return 0;
    }
    const client = new AdminClient(url, await adminToken(values.token));
    for (const name of names) {
      const status = await rebuildOnline(client, name);
      process.stdout.write(
        `${name}: swapped in at position ${status.position} ` +
          `(${status.events} events, ${status.documents ?? 0} documents)\n`,
      );
    }
    return 0;
  }

  if (command === 'verify') {
    if (values.file) {
      const result = await verifyBundleFile(
        values.file,
        values['public-key'],
        new ProgressBar(process.stderr, 'bytes'),
      );
      const text = describeBundleVerification(values.file, result);
      (result.valid ? process.stdout : process.stderr).write(`${text}\n`);
      return result.valid ? 0 : 1;
    }
    if (!values.offline)
      throw new AdminCallError(
        'verify what? --file <bundle> (an evidence bundle, offline) or --offline (this DATA_DIR)',
      );
    const result = await verifyLogOffline({
      stream: values.stream,
      publicKeyFile: values['public-key'],
    });
    for (const problem of result.problems)
      process.stderr.write(
        `  ${problem.kind} at position ${problem.position ?? '?'} stream ${problem.streamId ?? '?'} ` +
          `revision ${problem.revision ?? '?'}: ${problem.detail}\n`,
      );
    process.stdout.write(
      `${result.valid ? 'valid' : 'NOT valid'}: ${result.checkedEvents} events checked, ` +
        `${result.problems.length} problems\n`,
    );
    return result.valid ? 0 : 1;
  }

  if (command === 'replay') {
    if (!target) throw new AdminCallError('replay which stream? e.g. ledger replay project-<id>');
    const replay = await replayStream(target, {
      asOf: values['as-of'],
      effectiveOn: values['effective-on'],
    });
    process.stdout.write(`${JSON.stringify(replay, null, 2)}\n`);
    return 0;
  }

  if (command === 'export') {
    const scopes = (['program', 'project', 'contract'] as const).filter(
      (name) => values[name] !== undefined,
    );
    const [scope] = scopes;
    if (scopes.length !== 1 || !scope || !values.out)
      throw new AdminCallError(
        'export needs exactly one of --program/--project/--contract, and --out',
      );
    const written = await exportBundle({
      url,
      token: await adminToken(values.token),
      scope: { name: `${scope}Id`, id: values[scope] as string },
      out: values.out,
    });
    process.stdout.write(`${values.out}: ${written.lines} lines, ${written.bytes} bytes\n`);
    return 0;
  }

  if (command === 'read-models') {
    const client = new AdminClient(url, await adminToken(values.token));
    const { items } = await client.list();
    for (const item of items) {
      const rebuild = item.rebuild ? `  last rebuild: ${item.rebuild.state}` : '';
      process.stdout.write(
        `${item.name.padEnd(24)} checkpoint ${item.checkpoint}/${item.head}  ` +
          `${item.documents} documents in ${item.collection}${rebuild}\n`,
      );
    }
    return 0;
  }

  process.stderr.write(`unknown command "${command}"\n\n${USAGE}\n`);
  return 2;
}

/** Whether something answers GET /health at `url` (a running api or projector). */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(new URL('/health', url), { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Our own failures are sentences for the operator; anything else keeps its stack.
    const text =
      error instanceof AdminCallError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    process.stderr.write(`ledger: ${text}\n`);
    process.exitCode = 1;
  },
);
