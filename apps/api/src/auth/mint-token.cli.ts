/**
 * `npm run token -- --sub alice --roles pmo,project-manager --programs '*' [--ttl 8h]`
 * Prints an HS256 token signed with JWT_SECRET, or with the secret the embedded server keeps in
 * DATA_DIR. It never creates that secret (one made here would not be the server's), and it
 * refuses what the server would refuse (mint-token.args.ts).
 */
import { parseArgs } from 'node:util';
import { isRole, ROLES } from '@ledger/domain';
import { MAX_SUB_CHARS, mintToken, SUB_FORMAT, validateEnvironment } from '@ledger/runtime';
import { parseTtl, tokenSigning } from './mint-token.args';

const USAGE = `usage: npm run token -- --sub <subject> --roles <role,...> [--programs '*'|<id,...>] [--ttl 8h]
roles: ${ROLES.join(', ')}`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      roles: { type: 'string' },
      programs: { type: 'string', default: '*' },
      ttl: { type: 'string', default: '8h' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.sub || !values.roles) {
    console.error(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  if (values.sub.length > MAX_SUB_CHARS || !SUB_FORMAT.test(values.sub)) {
    throw new Error(`--sub must be 1–${MAX_SUB_CHARS} letters, digits or . _ @ : + | / = ~ -`);
  }
  const roles = values.roles
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new Error(`unknown role(s): ${unknown.join(', ')}\n${USAGE}`);
  const programs =
    values.programs === '*'
      ? '*'
      : values.programs
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean);
  // The server's own validation: a setting it would refuse (a short JWT_SECRET) stops here too.
  const env = validateEnvironment(process.env);
  const ttlSeconds = parseTtl(values.ttl);
  const { secret, note } = tokenSigning(env, ttlSeconds);
  const token = await mintToken({
    secret,
    sub: values.sub,
    roles: roles.filter(isRole),
    programs,
    ttlSeconds,
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
  });
  if (note) process.stderr.write(`${note}\n`);
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
