import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { READ_ANSWER_TYPES } from './read-answers';

const SCHEMA_FILE = join(__dirname, 'read-answers.schema.json');

/**
 * read-answers.schema.json is derived from the answer types; this spec fails when it is stale.
 * `npm run openapi:answers` (UPDATE_SCHEMAS=1) writes it anew.
 */
describe("the read routes' documented answer schemas", () => {
  it('are the ones derived from the TypeScript answer types (run `npm run openapi:answers` when this fails)', () => {
    const derived = `${JSON.stringify(generateReadAnswerSchemas(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(SCHEMA_FILE, derived);
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(JSON.parse(derived));
  }, 120_000);

  it('name every answer type of READ_ANSWER_TYPES', () => {
    const schemas = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    for (const type of Object.values(READ_ANSWER_TYPES)) expect(schemas).toHaveProperty([type]);
  });
});

/** A JSON Schema node as the generator writes it and the OpenAPI document takes it. */
type SchemaNode = { [keyword: string]: unknown };

/**
 * Derives the schema of every read route's answer from the TypeScript types the controllers
 * return (read-answers.ts), converted to OpenAPI 3.0's dialect: `nullable` instead of a `null`
 * type, `#/components/schemas/` references, component-safe names. Only this spec runs it (the
 * generator is a dev dependency and needs the TypeScript sources); the app reads the JSON.
 */
function generateReadAnswerSchemas(): Record<string, SchemaNode> {
  const generator = createGenerator({
    path: `${__dirname}/read-answers.ts`,
    tsconfig: `${__dirname}/../../../../tsconfig.json`,
    type: '*',
    expose: 'export',
    topRef: true,
    skipTypeCheck: true,
    additionalProperties: false,
    jsDoc: 'basic',
  });
  // One answer type at a time: with '*' the generator would walk every export of the modules
  // read-answers.ts re-exports from (all of @ledger/projections), functions included.
  const definitions: Record<string, SchemaNode> = {};
  for (const type of Object.values(READ_ANSWER_TYPES)) {
    Object.assign(definitions, generator.createSchema(type).definitions);
  }
  const reachable = new Set<string>();
  const visit = (name: string): void => {
    if (reachable.has(name)) return;
    reachable.add(name);
    for (const target of referencesIn(definitions[name])) visit(target);
  };
  Object.values(READ_ANSWER_TYPES).forEach(visit);
  const schemas: Record<string, SchemaNode> = {};
  for (const name of [...reachable].sort()) {
    schemas[componentName(name)] = toOpenApi30(definitions[name]) as SchemaNode;
  }
  return schemas;
}

/** `PublicItem<CapaLogEntry>` → `PublicItem_CapaLogEntry`: component names allow `[A-Za-z0-9._-]` only. */
function componentName(typeName: string): string {
  return typeName.replace(/[<>, ]+/g, '_').replace(/_+$/, '');
}

function referencesIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(referencesIn);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string'
      ? [decodeURIComponent(value.replace('#/definitions/', ''))]
      : referencesIn(value),
  );
}

function toOpenApi30(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toOpenApi30);
  if (node === null || typeof node !== 'object') return node;
  const source = node as SchemaNode;
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = `#/components/schemas/${componentName(decodeURIComponent(value.replace('#/definitions/', '')))}`;
    } else if (key === 'type' && Array.isArray(value)) {
      const types = value.filter((type) => type !== 'null');
      out.type = types.length === 1 ? types[0] : types;
      if (types.length < value.length) out.nullable = true;
    } else if (key === 'anyOf' && Array.isArray(value)) {
      const options = value.filter(
        (option) =>
          !(
            typeof option === 'object' &&
            option !== null &&
            (option as SchemaNode).type === 'null'
          ),
      );
      if (options.length < value.length) out.nullable = true;
      const converted = options.map(toOpenApi30);
      // `X | null` with X a reference: OpenAPI 3.0 needs allOf around a $ref to make it nullable.
      if (converted.length === 1) out.allOf = converted;
      else out.anyOf = converted;
    } else {
      out[key] = toOpenApi30(value);
    }
  }
  return out;
}
