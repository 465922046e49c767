import { startTestApp, type TestApp } from '../support/test-app';

interface Parameter {
  name: string;
  in: string;
  example?: unknown;
  examples?: unknown;
  schema?: { example?: unknown };
}
interface MediaType {
  example?: unknown;
  examples?: unknown;
  schema?: { example?: unknown };
}
interface Operation {
  parameters?: Parameter[];
  responses: Record<string, { content?: Record<string, MediaType> }>;
}

/**
 * The README lists each audit route with what it is for, and OpenAPI gives each one examples
 * (issue 10, "done when"): every parameter of every /api/audit operation has an example, and its
 * success answer (200 or 202) shows one. The read-your-writes parameters every read takes
 * (minPosition, waitMs) are documented once, on the reads, and not repeated here.
 */
const SHARED_READ_PARAMETERS = new Set(['minPosition', 'waitMs']);

describe('OpenAPI examples of the audit routes', () => {
  let t: TestApp;
  let operations: { route: string; operation: Operation }[];

  beforeAll(async () => {
    t = await startTestApp();
    const document = (await t.app.inject({ method: 'GET', url: '/docs/openapi.json' })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/audit/'))
      .flatMap(([path, item]) =>
        Object.entries(item).map(([method, operation]) => ({
          route: `${method.toUpperCase()} ${path}`,
          operation,
        })),
      );
  });
  afterAll(() => t.close());

  it('covers the audit routes', () => {
    expect(operations.length).toBeGreaterThanOrEqual(16);
  });

  it('every parameter has an example', () => {
    const missing = operations.flatMap(({ route, operation }) =>
      (operation.parameters ?? [])
        .filter((parameter) => !SHARED_READ_PARAMETERS.has(parameter.name))
        .filter(
          (parameter) =>
            parameter.example === undefined &&
            parameter.examples === undefined &&
            parameter.schema?.example === undefined,
        )
        .map((parameter) => `${route} ${parameter.in}:${parameter.name}`),
    );
    expect(missing).toEqual([]);
  });

  it('every success answer has an example', () => {
    const missing = operations
      .filter(({ operation }) => {
        const success = operation.responses['200'] ?? operation.responses['202'];
        const media = Object.values(success?.content ?? {});
        return !media.some(
          (type) =>
            type.example !== undefined ||
            type.examples !== undefined ||
            type.schema?.example !== undefined,
        );
      })
      .map(({ route }) => route);
    expect(missing).toEqual([]);
  });
});
