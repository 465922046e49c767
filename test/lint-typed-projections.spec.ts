import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Typed events in the read models (issue 8 item 2): eslint.config.mjs refuses untyped access to
 * an event's data in libs/projections. Each case is a few lines linted with the project's own
 * config as the file it pretends to be, in a child process (ESLint loads the ESM config with
 * import(), which Jest's CommonJS runtime cannot), with only no-restricted-syntax run and no
 * type information (the files do not exist).
 */
const ROOT = join(__dirname, '..');

const LINT = `
const { ESLint } = require('eslint');
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({
  cwd: process.cwd(),
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-syntax',
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
});
Promise.all(
  cases.map(({ file, source }) =>
    eslint.lintText(source, { filePath: file }).then(([result]) => result.messages.map((m) => m.ruleId)),
  ),
).then((rules) => process.stdout.write(JSON.stringify(rules)));
`;

const IN_A_READ_MODEL = 'libs/projections/src/read-models/a-model/a-model.projection.ts';

/** [why, file, source, refused?] */
const CASES: ReadonlyArray<readonly [string, string, string, boolean]> = [
  ["data['x'] on the event's data", IN_A_READ_MODEL, "const x = data['projectId'];\n", true],
  ['data[key] by a variable', IN_A_READ_MODEL, 'const x = data[key];\n', true],
  ["event.data['x']", IN_A_READ_MODEL, "const x = event.data['projectId'];\n", true],
  [
    'a cast of event.data',
    IN_A_READ_MODEL,
    'const d = event.data as Readonly<Record<string, unknown>>;\n',
    true,
  ],
  ['a field reader by name (str)', IN_A_READ_MODEL, "const x = str(data, 'projectId');\n", true],
  [
    'a document id by field name (idFrom)',
    IN_A_READ_MODEL,
    "const x = idFrom(event, 'projectId');\n",
    true,
  ],
  [
    'the same in a read model query',
    'libs/projections/src/read-models/a-model/a-model.query.ts',
    "const x = data['projectId'];\n",
    true,
  ],
  // what stays allowed
  ['typed access to event.data', IN_A_READ_MODEL, 'const x = event.data.projectId;\n', false],
  ['indexing a document field', IN_A_READ_MODEL, "const x = document.byStatus['open'];\n", false],
  [
    'data[...] outside libs/projections',
    'libs/runtime/src/http/a.ts',
    "const x = data['projectId'];\n",
    false,
  ],
];

describe('lint: projections read typed events, never data by key (eslint.config.mjs)', () => {
  const output = execFileSync(
    process.execPath,
    ['-e', LINT, JSON.stringify(CASES.map(([, file, source]) => ({ file, source })))],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const refused = (JSON.parse(output) as string[][]).map((ids) =>
    ids.includes('no-restricted-syntax'),
  );

  it.each(CASES.map((c, index) => [...c, index] as const))(
    '%s (%s): refused %s',
    (_why, _file, _source, expected, index) => {
      expect(refused[index]).toBe(expected);
    },
  );
});
