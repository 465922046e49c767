/**
 * `npm run token -- --sub alice --roles pmo,project-manager --programs '*' [--ttl 8h]`
 * Prints an HS256 token signed with JWT_SECRET, or with the secret the embedded server keeps in
 * DATA_DIR (created here if the server never ran).
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@ledger/domain';
import { mintToken } from './mint-token';
import { resolveSigningSecret } from './signing-secret';

const USAGE = `usage: npm run token -- --sub <subject> --roles <role,...> [--programs '*'|<id,...>] [--ttl 8h]
roles: ${ROLES.join(', ')}`;

function parseTtl(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text);
  if (!match) throw new Error(`--ttl ${text}: use e.g. 900s, 30m, 8h, 7d`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

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
  const roles = values.roles
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) throw new Error(`unknown role(s): ${unknown.join(', ')}\n${USAGE}`);
  const programs =
    values.programs === '*'
      ? '*'
      : values.programs
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean);
  const { secret } = resolveSigningSecret(process.env.DATA_DIR ?? './data', process.env.JWT_SECRET);
  const token = await mintToken({
    secret,
    sub: values.sub,
    roles: roles as Role[],
    programs,
    ttlSeconds: parseTtl(values.ttl),
    issuer: process.env.JWT_ISSUER,
    audience: process.env.JWT_AUDIENCE,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
