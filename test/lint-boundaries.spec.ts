import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The package boundaries of eslint.config.mjs (issue 8 item 4) fire: each case is a one-line
 * source linted with the project's own config, as the file it pretends to be. ESLint runs in a
 * child process (it loads the ESM config with import(), which Jest's CommonJS runtime cannot) and
 * only no-restricted-imports is run, without type information (the files do not exist).
 */
const ROOT = join(__dirname, '..');

interface Case {
  readonly file: string;
  readonly source: string;
}

const LINT = `
const { ESLint } = require('eslint');
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({
  cwd: process.cwd(),
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
});
Promise.all(
  cases.map(({ file, source }) =>
    eslint.lintText(source, { filePath: file }).then(([result]) => result.messages.map((m) => m.ruleId)),
  ),
).then((rules) => process.stdout.write(JSON.stringify(rules)));
`;

function restrictedImports(cases: readonly Case[]): boolean[] {
  const output = execFileSync(process.execPath, ['-e', LINT, JSON.stringify(cases)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const rules = JSON.parse(output) as string[][];
  return rules.map((ids) => ids.includes('no-restricted-imports'));
}

const importOf = (path: string): string => `import { thing } from '${path}';\n`;

/** [why, file, imported path, refused?] */
const CASES: ReadonlyArray<readonly [string, string, string, boolean]> = [
  // a library imports an app, the benchmarks or the tests
  [
    'a lib imports the api by path',
    'libs/runtime/src/http/a.ts',
    '../../../../apps/api/src/app.module',
    true,
  ],
  ['a lib imports the api by alias', 'libs/projections/src/a.ts', '@ledger/api', true],
  [
    'a lib spec imports the benchmarks',
    'libs/projections/src/read-models/a.int-spec.ts',
    '../../../../bench/support/delivery-history',
    true,
  ],
  [
    'a lib imports the tests',
    'libs/command-path/src/a.spec.ts',
    '../../../test/support/test-app',
    true,
  ],
  [
    'the domain imports the tests',
    'libs/domain/src/program/a.spec.ts',
    '../../../../test/support/test-app',
    true,
  ],
  // an app imports another app
  [
    'the projector imports the api by path',
    'apps/projector/src/a.ts',
    '../../api/src/create-app',
    true,
  ],
  [
    'the ledger CLI imports the api by path',
    'apps/ledger/src/a.ts',
    '../../api/src/auth/principal',
    true,
  ],
  ['the projector imports the api by alias', 'apps/projector/src/a.ts', '@ledger/api', true],
  [
    'the benchmarks import the api by path',
    'bench/support/a.ts',
    '../../apps/api/src/create-app',
    true,
  ],
  // a library by a deep relative path instead of @ledger/*
  [
    'an app imports a lib by path',
    'apps/api/src/read-side/a.ts',
    '../../../../libs/runtime/src/auth/principal',
    true,
  ],
  [
    'a lib imports another lib by path',
    'libs/runtime/src/http/a.ts',
    '../../../read-store/src/read-filter',
    true,
  ],
  ['the domain imports another lib by path', 'libs/domain/src/a.ts', '../../event-store/src', true],
  ['the benchmarks import a lib by path', 'bench/a.ts', '../libs/event-store/src', true],
  [
    'a test imports a lib by path',
    'test/support/a.ts',
    '../../libs/runtime/src/auth/mint-token',
    true,
  ],
  // what stays allowed
  ['a lib imports its own files', 'libs/runtime/src/http/a.ts', '../config/environment', false],
  ['a lib imports another by alias', 'libs/runtime/src/http/a.ts', '@ledger/read-store', false],
  ['an app imports its own files', 'apps/api/src/read-side/a.ts', '../http/new-id', false],
  ['an app imports the runtime by alias', 'apps/projector/src/a.ts', '@ledger/runtime', false],
  ['the benchmarks run the api by alias', 'bench/support/a.ts', '@ledger/api', false],
  ['the benchmarks import their own support', 'bench/a.ts', './support/bench-report', false],
  [
    'a test reaches into the app it tests',
    'test/support/a.ts',
    '../../apps/api/src/create-app',
    false,
  ],
];

describe('lint boundaries between libs, apps, bench and test (eslint.config.mjs)', () => {
  const refused = restrictedImports(
    CASES.map(([, file, path]) => ({ file, source: importOf(path) })),
  );

  it.each(CASES.map((c, index) => [...c, index] as const))(
    '%s (%s imports %s): refused %s',
    (_why, _file, _path, expected, index) => {
      expect(refused[index]).toBe(expected);
    },
  );
});
