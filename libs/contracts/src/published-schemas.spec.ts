import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '@ledger/event-store';
import { schemaIdOf } from './cloud-event';
import type { JsonSchema } from './json-schema';
import { PUBLIC_EVENT_TYPES } from './public-event-types';
import { schemaIncompatibilities } from './schema-compatibility';
import { PUBLIC_EVENT_SCHEMAS } from './schema-registry';
import { newAjv } from './public-schemas.spec-fixtures';

const DIR = join(__dirname, '..', 'schemas');
const MANIFEST = join(DIR, 'published.json');

interface Manifest {
  readonly $comment: string;
  readonly schemas: Readonly<Record<string, string>>;
}

const schemaFiles = (): string[] =>
  readdirSync(DIR)
    .filter((file) => file.endsWith('.json') && file !== 'published.json')
    .map((file) => file.replace(/\.json$/, ''))
    .sort();
const read = (name: string): JsonSchema =>
  JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as JsonSchema;
/** Of the parsed content: re-indenting a file is not a change, any other edit is. */
const contentHash = (name: string): string =>
  `sha256:${createHash('sha256')
    .update(canonicalJson(read(name)))
    .digest('hex')}`;

/*
 * Publishing a new schema file (a new type, or a new version …v2 of one) records its hash:
 *   PUBLISH_SCHEMAS=1 npx jest libs/contracts/src/published-schemas.spec.ts
 * It only ever adds entries; a listed schema is never rewritten.
 */
if (process.env.PUBLISH_SCHEMAS === '1') {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
  const schemas = { ...manifest.schemas };
  for (const name of schemaFiles()) schemas[name] ??= contentHash(name);
  writeFileSync(MANIFEST, `${JSON.stringify({ ...manifest, schemas }, null, 2)}\n`);
}

describe('published schemas are frozen', () => {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;

  it('every published schema still has the content it was published with', () => {
    const changed = Object.entries(manifest.schemas)
      .filter(([name, hash]) => !schemaFiles().includes(name) || contentHash(name) !== hash)
      .map(([name]) => name);
    expect(changed).toEqual([]);
  });

  it('every schema file is published (listed in the manifest)', () => {
    expect(schemaFiles().filter((name) => !(name in manifest.schemas))).toEqual([]);
  });

  it('the check catches an edited schema', () => {
    const name = 'com.delivery-ledger.project.scope-changed.v1';
    const edited = { ...read(name), description: 'edited' };
    const hash = `sha256:${createHash('sha256').update(canonicalJson(edited)).digest('hex')}`;
    expect(hash).not.toBe(manifest.schemas[name]);
  });

  it('each public type has its file, named by type, with its $id, closed to unknown fields', () => {
    for (const type of PUBLIC_EVENT_TYPES) {
      const schema = PUBLIC_EVENT_SCHEMAS[type];
      expect({
        type,
        file: read(type),
        id: schema['$id'],
        closed: schema['additionalProperties'],
      }).toEqual({ type, file: schema, id: schemaIdOf(type), closed: false });
    }
  });

  it('every schema file compiles in strict ajv (no unknown keyword or format)', () => {
    const ajv = newAjv();
    for (const name of schemaFiles()) expect(() => ajv.compile(read(name))).not.toThrow();
  });

  it('each new version of a type is a compatible successor of the one before', () => {
    const versions = new Map<string, { version: number; name: string }[]>();
    for (const name of schemaFiles()) {
      const match = /^(.*)\.v([0-9]+)$/.exec(name);
      if (!match) throw new Error(`schema file ${name} does not end in .v<version>`);
      const list = versions.get(match[1]!) ?? [];
      list.push({ version: Number(match[2]), name });
      versions.set(match[1]!, list);
    }
    const problems: string[] = [];
    for (const [base, list] of versions) {
      list.sort((a, b) => a.version - b.version);
      list.forEach((entry, index) => {
        if (entry.version !== index + 1) problems.push(`${base}: v${index + 1} missing`);
        const previous = list[index - 1];
        if (previous) {
          for (const problem of schemaIncompatibilities(read(previous.name), read(entry.name))) {
            problems.push(`${entry.name}: ${problem}`);
          }
        }
      });
    }
    expect(problems).toEqual([]);
  });
});

describe('schemaIncompatibilities (what may change between versions of a type)', () => {
  const v1: JsonSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['projectId', 'reason'],
    properties: { projectId: { type: 'string' }, reason: { type: 'string' } },
  };

  it('an added optional field is compatible', () => {
    const v2 = { ...v1, properties: { ...(v1['properties'] as object), note: { type: 'string' } } };
    expect(schemaIncompatibilities(v1, v2)).toEqual([]);
  });

  it('a removed, retyped or no longer required field is not', () => {
    const v2: JsonSchema = {
      type: 'object',
      additionalProperties: false,
      required: ['projectId'],
      properties: { projectId: { type: 'integer' } },
    };
    expect(schemaIncompatibilities(v1, v2)).toEqual([
      'field projectId changed',
      'field reason removed',
      'field reason no longer required',
    ]);
  });

  it('opening the schema to unknown fields is not', () => {
    expect(schemaIncompatibilities(v1, { ...v1, additionalProperties: true })).toEqual([
      'additionalProperties must stay false',
    ]);
  });
});
