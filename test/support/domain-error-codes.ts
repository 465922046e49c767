import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import type { DomainErrorKind } from '@ledger/domain';

export interface DomainErrorCodes {
  /** Every code constructed in the sources, with the kind it is constructed with. */
  readonly codes: ReadonlyMap<string, DomainErrorKind>;
  /** `new DomainError(…)` whose code or kind is not a literal: the table cannot be checked there. */
  readonly unresolved: readonly string[];
  /** A code constructed with two different kinds (so two statuses). */
  readonly conflicts: readonly string[];
}

/**
 * Helpers that take the code as a parameter and build the DomainError themselves: the codes
 * are read from their call sites instead (argument index, the kind the helper builds with).
 */
const CODE_PASSING_HELPERS: Readonly<
  Record<
    string,
    { readonly argument: number; readonly kind: DomainErrorKind; readonly file: string }
  >
> = {
  assertBelongsToProject: {
    argument: 2,
    kind: 'not-found',
    file: join('apps', 'api', 'src', 'scope', 'program-scope.service.ts'),
  },
};

const KINDS: ReadonlySet<string> = new Set([
  'rule-violated',
  'not-found',
  'not-permitted',
  'conflict',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)
      ? [path]
      : [];
  });
}

/**
 * The DomainError codes of the code base, read from the sources with the TypeScript parser
 * (every `new DomainError('code', message, 'kind')` in apps/ and libs/, tests excluded), so
 * that the README's table of statuses can be checked against the code rather than trusted.
 */
export function domainErrorCodes(root: string): DomainErrorCodes {
  const codes = new Map<string, DomainErrorKind>();
  const unresolved: string[] = [];
  const conflicts = new Set<string>();
  const files = ['apps', 'libs'].flatMap((top) => sourceFiles(join(root, top)));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('DomainError(')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const record = (code: string, kind: DomainErrorKind): void => {
      const known = codes.get(code);
      if (known !== undefined && known !== kind) conflicts.add(code);
      codes.set(code, kind);
    };
    const helperFile = Object.values(CODE_PASSING_HELPERS).some(
      (helper) => helper.file === relative(root, file),
    );
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const name = ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : ts.isIdentifier(callee)
            ? callee.text
            : undefined;
        const helper = name === undefined ? undefined : CODE_PASSING_HELPERS[name];
        const argument = helper ? node.arguments[helper.argument] : undefined;
        const code = argument ? literal(argument) : undefined;
        if (helper && code !== undefined) record(code, helper.kind);
      }
      if (
        ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'DomainError'
      ) {
        const [code, , kind] = node.arguments ?? [];
        const where = `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        const kindText = kind === undefined ? 'rule-violated' : literal(kind);
        const codeText = code === undefined ? undefined : literal(code);
        if (codeText === undefined || kindText === undefined || !KINDS.has(kindText)) {
          // A helper's own construction is covered by its call sites.
          if (!(helperFile && codeText === undefined)) unresolved.push(where);
        } else {
          record(codeText, kindText as DomainErrorKind);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { codes, unresolved, conflicts: [...conflicts] };
}

function literal(node: ts.Expression): string | undefined {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
    ? node.text
    : undefined;
}
