import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The OpenAPI document is good enough to generate a working client from (issue 9 item 15):
 * openapi-typescript turns /docs/openapi.json into types, and calls written against them
 * compile under `strict`, while calls a client must not be able to write (a typo in a body
 * field, a number for a money currency, reading a field an answer lacks) do not.
 */
describe('a client generated from /docs/openapi.json', () => {
  let t: TestApp;
  let dir: string;
  let document: {
    paths: Record<string, Record<string, { summary?: string; responses: Record<string, unknown> }>>;
  };

  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'ledger-openapi-'));
    const response = await t.app.inject({ method: 'GET', url: '/docs/openapi.json' });
    writeFileSync(join(dir, 'openapi.json'), response.body);
    document = response.json();
    execFileSync(
      process.execPath,
      [
        join(__dirname, '..', 'node_modules', 'openapi-typescript', 'bin', 'cli.js'),
        join(dir, 'openapi.json'),
        '--output',
        join(dir, 'api.ts'),
      ],
      { stdio: 'pipe' },
    );
  }, 60_000);
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every operation has a summary, and every /api operation lists its problem answers', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect({ path, method, summary: typeof operation.summary }).toEqual({
          path,
          method,
          summary: 'string',
        });
        if (path.startsWith('/api/'))
          expect({ path, method, codes: Object.keys(operation.responses) }).toEqual({
            path,
            method,
            codes: expect.arrayContaining(['400', '401', '403']),
          });
      }
    }
  });

  it('compiles typed calls: commands, their answers and problems, and read answers', () => {
    const diagnostics = compile(`
      import type { paths } from './api';
      type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
      type Problem<R> = R extends { content: { 'application/problem+json': infer B } } ? B : never;
      type CreateProgram = paths['/api/programs']['post'];

      export const body: Json<CreateProgram['requestBody']> = {
        name: 'RAN North',
        customerId: 'cust-1', customerName: 'Nordic Telco',
        effectiveAt: '2026-03-01T09:00:00Z',
      };
      export function positionOf(answer: Json<CreateProgram['responses'][201]>): number {
        return answer.position;
      }
      export function ruleOf(problem: Problem<CreateProgram['responses'][422]>): string {
        return problem.type;
      }
      export function fieldsOf(problem: Problem<CreateProgram['responses'][400]>): string[] {
        return (problem.errors ?? []).map((error) => error.field + ':' + error.rule);
      }
      type Summary = Json<paths['/api/projects/{projectId}']['get']['responses'][200]>;
      export function cpiOf(summary: Summary): number | null | undefined {
        return summary.earnedValue?.cpi;
      }
      type Page = Json<paths['/api/projects']['get']['responses'][200]>;
      export function namesOf(page: Page): string[] {
        return page.items.map((item) => item.name);
      }
      type Compliance = Json<paths['/api/contracts/{contractId}/compliance']['get']['responses'][200]>;
      export function currencyOf(report: Compliance): string {
        return report.value.currency;
      }
      // A roll-up's amount is a number, or past 2^53 - 1 its exact decimal string: BigInt reads both.
      type Portfolio = Json<paths['/api/programs/{programId}/portfolio']['get']['responses'][200]>;
      export function exactBudgetsOf(portfolio: Portfolio): bigint[] {
        return portfolio.totals.map((total) => BigInt(total.bacCurrent.amount));
      }
    `);
    expect(diagnostics).toEqual([]);
  });

  it('refuses calls the API would refuse or answers it never gives', () => {
    const diagnostics = compile(`
      import type { paths } from './api';
      type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
      type CreateProgram = paths['/api/programs']['post'];
      // @ts-expect-error a typo in a body field
      export const typo: Json<CreateProgram['requestBody']> = { nmae: 'x', customerId: 'c', customerName: 'n' };
      // @ts-expect-error a currency is a string
      export const money: Json<paths['/api/contracts']['post']['requestBody']>['value'] = { amount: 1, currency: 978 };
      type Summary = Json<paths['/api/projects/{projectId}']['get']['responses'][200]>;
      // @ts-expect-error the summary has no such field
      export const missing = (summary: Summary) => summary.budgetOverrun;
      type Portfolio = Json<paths['/api/programs/{programId}/portfolio']['get']['responses'][200]>;
      // @ts-expect-error a roll-up amount may be a decimal string (past 2^53 - 1), not only a number
      export const rounded = (portfolio: Portfolio): number[] => portfolio.totals.map((total) => total.bacCurrent.amount);
    `);
    expect(diagnostics).toEqual([]);
  });

  /** Type-checks one file beside the generated api.ts; answers the diagnostics as text. */
  function compile(source: string): string[] {
    const file = join(dir, `calls-${Math.random().toString(36).slice(2)}.ts`);
    writeFileSync(file, source);
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      types: [],
    });
    return ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  }
});
