// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/*
 * Boundaries (issue 8 item 4): a library is imported only by its alias (@ledger/<name>); a
 * library never imports an app, the benchmarks or the tests; an app never imports another app;
 * only the harnesses that run the api in-process (bench/, test/) import it, as @ledger/api.
 * test/lint-boundaries.spec.ts proves each rule fires.
 */
const BY_ALIAS = { group: ['**/libs', '**/libs/**'], message: 'Import a library by its alias (@ledger/<name>), never by a path into libs/.' };
const OWN_SRC_ONLY = { group: ['**/src', '**/src/**'], message: "A relative import stays inside its own package's src/: another library by its alias (@ledger/<name>), never another app." };
const NO_APPS = { group: ['**/apps', '**/apps/**', '@ledger/api'], message: 'Only bench/ and test/ run the api (@ledger/api); libraries and apps never import an app.' };
const NO_HARNESS = { group: ['**/bench', '**/bench/**', '**/test', '**/test/**'], message: 'Libraries and apps never import the benchmarks or the tests; shared test code is a library (libs/testing, libs/delivery-history).' };
const PACKAGE_BOUNDARIES = [BY_ALIAS, OWN_SRC_ONLY, NO_APPS, NO_HARNESS];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '*.js', '*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nest's decorators and DI lean on classes with only static members or empty bodies.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Libraries and apps: see PACKAGE_BOUNDARIES above.
    files: ['libs/*/src/**/*.ts', 'apps/*/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: PACKAGE_BOUNDARIES }] },
  },
  {
    // The benchmarks run the api in-process as @ledger/api, and use libraries by their alias.
    files: ['bench/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [BY_ALIAS, { ...NO_APPS, group: ['**/apps', '**/apps/**'] }, { ...NO_HARNESS, group: ['**/test', '**/test/**'] }] }],
    },
  },
  {
    // The tests may reach into the apps they test, but use libraries by their alias.
    files: ['test/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [BY_ALIAS] }] },
  },
  {
    // The domain core is pure (P1): no framework, no drivers, no I/O, no other library of ours.
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['libs/domain/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'node:*', 'fs', 'crypto', 'path', 'better-sqlite3', 'mongodb', '@kurrent/*'], message: 'libs/domain stays pure: no framework, driver or I/O imports.' },
            { group: ['@ledger/*', '!@ledger/domain'], message: 'libs/domain depends on nothing else of ours.' },
            // This block's rule replaces the libraries' one above, so it repeats it.
            ...PACKAGE_BOUNDARIES,
          ],
        },
      ],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Time comes in with the command (CommandMeta.now).' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time comes in with the command (CommandMeta.now).' }],
    },
  },
  {
    // Typed events (issue 8 item 2): a projection reads the domain's event union, never the stored
    // JSON by key. test/lint-typed-projections.spec.ts proves each selector fires.
    files: ['libs/projections/src/**/*.ts'],
    // The engine's own specs fold synthetic events of no domain union.
    ignores: ['libs/projections/src/projection-engine*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[computed=true][object.name='data']", message: 'Untyped event access: type the projection by its event union (defineProjection) and read event.data.<field>.' },
        { selector: "MemberExpression[computed=true][object.type='MemberExpression'][object.property.name='data']", message: 'Untyped event access: type the projection by its event union (defineProjection) and read event.data.<field>.' },
        { selector: "TSAsExpression[expression.type='MemberExpression'][expression.property.name='data']", message: 'No cast of event data: the projection is typed by its event union (defineProjection).' },
        { selector: "CallExpression[callee.name=/^(str|idFrom)$/]", message: 'No field-by-name readers of event data: read event.data.<field>, typed by the event union.' },
      ],
    },
  },
  {
    // Tests may use the looser shapes jest's matchers hand back.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'libs/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
