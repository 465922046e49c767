import { isDeepStrictEqual } from 'node:util';
import type { JsonSchema } from './json-schema';

function propertiesOf(schema: JsonSchema): Readonly<Record<string, unknown>> {
  const properties = schema['properties'];
  return typeof properties === 'object' && properties !== null
    ? (properties as Readonly<Record<string, unknown>>)
    : {};
}

function requiredOf(schema: JsonSchema): readonly string[] {
  const required = schema['required'];
  return Array.isArray(required) ? required.filter((r): r is string => typeof r === 'string') : [];
}

/**
 * Why `next` (a type's new version, e.g. …v2) is not a compatible successor of `previous` (…v1);
 * empty when it is. Compatible means additive: every field of `previous` is still there with the
 * very same schema and still required if it was, and new fields only add. Anything else (a field
 * removed, renamed, retyped, narrowed or made optional) is a different fact: publish it as a new
 * type name, not as a new version of this one. Nested changes are compared whole (conservative).
 */
export function schemaIncompatibilities(previous: JsonSchema, next: JsonSchema): string[] {
  const problems: string[] = [];
  const before = propertiesOf(previous);
  const after = propertiesOf(next);
  for (const [field, schema] of Object.entries(before)) {
    if (!(field in after)) problems.push(`field ${field} removed`);
    else if (!isDeepStrictEqual(after[field], schema)) problems.push(`field ${field} changed`);
  }
  const stillRequired = new Set(requiredOf(next));
  for (const field of requiredOf(previous)) {
    if (!stillRequired.has(field)) problems.push(`field ${field} no longer required`);
  }
  if (next['additionalProperties'] !== false) {
    problems.push('additionalProperties must stay false');
  }
  if (next['type'] !== previous['type']) problems.push('type changed');
  return problems;
}
