import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DomainErrorKind } from '@ledger/domain';
import { commandRoutes } from './support/command-routes';
import { domainErrorCodes } from './support/domain-error-codes';

const ROOT = join(__dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  'not-permitted': 403,
  'not-found': 404,
  conflict: 409,
  'rule-violated': 422,
};

/** The text between `<!-- name:start -->` and `<!-- name:end -->` in the README. */
function section(name: string): string {
  const match = new RegExp(`<!-- ${name}:start -->([\\s\\S]*?)<!-- ${name}:end -->`).exec(README);
  if (!match) throw new Error(`README has no ${name} section (<!-- ${name}:start --> … end)`);
  return match[1]!;
}

/** `| 409 | … | \`a\`, \`b\` |` rows → code → status. */
function documentedCodes(): Map<string, number> {
  const documented = new Map<string, number>();
  for (const row of section('domain-error-codes').split('\n')) {
    const status = /^\|\s*(\d{3})\s*\|/.exec(row)?.[1];
    if (!status) continue;
    const codesCell = row.split('|').at(-2) ?? '';
    for (const [, code] of codesCell.matchAll(/`([a-z0-9-]+)`/g))
      documented.set(code!, Number(status));
  }
  return documented;
}

describe('README statuses match the code (so the table cannot drift)', () => {
  const found = domainErrorCodes(ROOT);

  it('every DomainError is built with a literal code and kind, each code with one kind', () => {
    expect(found.unresolved).toEqual([]);
    expect(found.conflicts).toEqual([]);
    expect(found.codes.size).toBeGreaterThan(50);
  });

  it('every DomainError code in the code is in the README with its status, and nothing else is', () => {
    const inCode = new Map([...found.codes].map(([code, kind]) => [code, STATUS_OF_KIND[kind]]));
    const documented = documentedCodes();
    const sorted = (map: Map<string, number>) => [...map].sort(([a], [b]) => a.localeCompare(b));
    if (JSON.stringify(sorted(inCode)) !== JSON.stringify(sorted(documented))) {
      // The table as the code has it, ready to paste between the markers.
      const rows = ([403, 404, 409, 422] as const).map((status) => {
        const codes = sorted(inCode)
          .filter(([, s]) => s === status)
          .map(([code]) => `\`${code}\``);
        return `| ${status} | ${codes.join(', ')} |`;
      });
      process.stderr.write(`README domain-error-codes rows from the code:\n${rows.join('\n')}\n`);
    }
    expect(sorted(documented)).toEqual(sorted(inCode));
  });
});

describe('README says exactly which commands answer 201 and which 200', () => {
  const routes = commandRoutes(ROOT).filter((route) => route.path.startsWith('/api/'));
  const documented = new Set(
    [...section('created-routes').matchAll(/`POST (\/api\/[^`]+)`/g)].map(([, path]) => path!),
  );

  it('every command route declares its status: 201 or 200 (202 for the admin rebuild)', () => {
    expect(routes.length).toBeGreaterThan(80);
    expect(routes.filter((route) => ![200, 201, 202].includes(route.status ?? 0))).toEqual([]);
  });

  it('the routes answering 201 are exactly those the README lists', () => {
    const created = routes.filter((route) => route.status === 201).map((route) => route.path);
    if (JSON.stringify([...created].sort()) !== JSON.stringify([...documented].sort())) {
      process.stderr.write(
        `README created-routes from the code:\n${[...created]
          .sort()
          .map((path) => `\`POST ${path}\``)
          .join(', ')}\n`,
      );
    }
    expect([...documented].sort()).toEqual([...created].sort());
  });
});
