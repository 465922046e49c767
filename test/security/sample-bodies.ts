/**
 * A body that passes a route's validation, built from the app's own OpenAPI document (its
 * examples, enums and required fields), so that the access matrix reaches the program-scope
 * check, which runs after validation. Overrides cover what the document cannot say.
 */

interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly example?: unknown;
  readonly properties?: Record<string, Schema>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly allOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
}

export interface OpenApiDocument {
  readonly paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } } | undefined>
  >;
  readonly components?: { schemas?: Record<string, Schema> };
}

/** `/api/projects/:projectId` → `/api/projects/{projectId}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

/** The request-body schema of a route, or undefined when it takes none. */
export function bodySchema(
  document: OpenApiDocument,
  method: string,
  path: string,
): Schema | undefined {
  const operation = document.paths[openApiPath(path)]?.[method.toLowerCase()];
  return operation?.requestBody?.content?.['application/json']?.schema;
}

/** The required fields of a route's body, from its schema (for the fuzzer's mutations). */
export function requiredFields(document: OpenApiDocument, schema: Schema | undefined): string[] {
  const resolved = schema && resolve(document, schema);
  return resolved?.required ? [...resolved.required] : [];
}

/** A minimal valid body: required properties only, each from its example, enum or type. */
export function sampleBody(document: OpenApiDocument, schema: Schema | undefined): unknown {
  if (!schema) return undefined;
  return sample(document, schema, '', 0);
}

function resolve(document: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop() ?? '';
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`OpenAPI schema ${schema.$ref} not found`);
    return resolve(document, target);
  }
  const [only] = schema.allOf ?? schema.oneOf ?? [];
  return only
    ? { ...resolve(document, only), ...schema, allOf: undefined, oneOf: undefined }
    : schema;
}

function sample(document: OpenApiDocument, raw: Schema, name: string, depth: number): unknown {
  if (depth > 8) return {};
  const schema = resolve(document, raw);
  if (schema.example !== undefined && !isPlaceholder(schema.example)) return schema.example;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case 'object':
    case undefined: {
      const body: Record<string, unknown> = {};
      for (const field of schema.required ?? []) {
        const property = schema.properties?.[field];
        if (property) body[field] = sample(document, property, field, depth + 1);
      }
      return body;
    }
    case 'array': {
      const count = schema.minItems ?? 0;
      return Array.from({ length: count }, (_, index) =>
        schema.items ? sample(document, schema.items, `${name}[${index}]`, depth + 1) : 'x',
      );
    }
    case 'integer':
    case 'number':
      return schema.minimum !== undefined && schema.minimum > 0 ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'string':
      return sampleString(name, schema.format);
    default:
      return 'x';
  }
}

/** Examples such as `"b7c1e0d4-…"` illustrate a shape; they are not valid values. */
function isPlaceholder(example: unknown): boolean {
  return typeof example === 'string' && example.includes('…');
}

function sampleString(name: string, format: string | undefined): string {
  if (format === 'date-time' || /At$/.test(name)) return '2026-03-01T09:00:00Z';
  if (format === 'date' || /(On|Date|Until|From|To)$/.test(name)) return '2026-03-01';
  if (/month|period/i.test(name)) return '2026-03';
  if (/(Id|Ref|id)$/.test(name)) return 'sample-1';
  return 'Sample text';
}
