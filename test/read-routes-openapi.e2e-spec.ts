import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { READ_ANSWER_TYPES } from '../apps/api/src/read-side/read-answers';
import { startTestApp, type TestApp } from './support/test-app';

const SNAPSHOT_FILE = join(__dirname, 'read-routes.openapi.json');

type Node = { [key: string]: unknown };

/**
 * The read routes' part of /docs/openapi.json (their operations, in document order, and every
 * schema they reach) as it was when the read controllers were written by hand (issue 8 item 5
 * moved them to declarations in each read model's folder). Compared as text, so paths,
 * parameters, their order, examples and operation ids stay byte-for-byte what clients know.
 * A deliberate change: UPDATE_READ_ROUTES_OPENAPI=1 rewrites the file (say so in the commit).
 */
describe('the OpenAPI description of the read routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('is the one recorded in read-routes.openapi.json', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/docs/openapi.json' });
    const document = response.json<{
      paths: Record<string, Node>;
      components: { schemas: Node };
    }>();
    if (process.env.DUMP_OPENAPI) writeFileSync(process.env.DUMP_OPENAPI, response.body);
    const text = `${JSON.stringify(readRoutesOf(document), null, 2)}\n`;
    if (process.env.UPDATE_READ_ROUTES_OPENAPI === '1') writeFileSync(SNAPSHOT_FILE, text);
    expect(text).toBe(readFileSync(SNAPSHOT_FILE, 'utf8'));
  });
});

/** The operations answering READ_ANSWER_TYPES' ids, and the component schemas they reach. */
function readRoutesOf(document: {
  paths: Record<string, Node>;
  components: { schemas: Node };
}): Node {
  const readOperations = new Set<string>(Object.keys(READ_ANSWER_TYPES));
  const paths: Record<string, Node> = {};
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!readOperations.has((operation as { operationId?: string }).operationId ?? '')) continue;
      paths[path] = { ...(paths[path] ?? {}), [method]: operation };
    }
  }
  const reached = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const name = value.replace('#/components/schemas/', '');
        if (!reached.has(name)) {
          reached.add(name);
          visit(document.components.schemas[name]);
        }
      } else visit(value);
    }
  };
  visit(paths);
  const schemas: Node = {};
  for (const name of Object.keys(document.components.schemas))
    if (reached.has(name)) schemas[name] = document.components.schemas[name];
  return { paths, schemas };
}
