import type { JsonValue } from '@ledger/event-store';

/** One RFC 6902 operation; the generator only emits these three. */
export type JsonPatchOperation =
  | { readonly op: 'add'; readonly path: string; readonly value: JsonValue }
  | { readonly op: 'remove'; readonly path: string }
  | { readonly op: 'replace'; readonly path: string; readonly value: JsonValue };

/** RFC 6901: `~` → `~0`, then `/` → `~1` (this order, or `~1` in a key would be read back as `/`). */
export const escapePointerToken = (token: string): string =>
  token.replace(/~/g, '~0').replace(/\//g, '~1');

export const unescapePointerToken = (token: string): string =>
  token.replace(/~1/g, '/').replace(/~0/g, '~');

type JsonObject = { readonly [key: string]: JsonValue };

/** Array.isArray narrows a readonly array to any[]; this keeps the element type. */
export const isJsonArray = (value: JsonValue): value is readonly JsonValue[] =>
  Array.isArray(value);

const isObject = (value: JsonValue): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function sameJson(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (isJsonArray(a) && isJsonArray(b))
    return a.length === b.length && a.every((item, index) => sameJson(item, b[index] ?? null));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => key in b && sameJson(a[key] ?? null, b[key] ?? null))
    );
  }
  return false;
}

/**
 * The RFC 6902 patch that turns `before` into `after`. Objects are compared key by key (removed
 * keys → `remove`, new → `add`, changed → recurse). Arrays: when only elements were appended or
 * the last ones removed, the patch says so element by element (the common case for event-sourced
 * lists, which grow at the end); when elements shift or change in place in a way that is not
 * that, the whole array is replaced, which is a valid, if larger, patch. Type changes replace.
 */
export function jsonPatch(before: JsonValue, after: JsonValue, path = ''): JsonPatchOperation[] {
  if (sameJson(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const operations: JsonPatchOperation[] = [];
    for (const key of Object.keys(before))
      if (!(key in after))
        operations.push({ op: 'remove', path: `${path}/${escapePointerToken(key)}` });
    for (const [key, value] of Object.entries(after)) {
      const childPath = `${path}/${escapePointerToken(key)}`;
      if (!(key in before)) operations.push({ op: 'add', path: childPath, value });
      else operations.push(...jsonPatch(before[key] ?? null, value, childPath));
    }
    return operations;
  }
  if (isJsonArray(before) && isJsonArray(after)) {
    const shared = Math.min(before.length, after.length);
    const prefixUnchanged = before
      .slice(0, shared)
      .every((item, index) => sameJson(item, after[index] ?? null));
    if (prefixUnchanged) {
      const operations: JsonPatchOperation[] = [];
      // Remove from the end backwards, so each index is still valid when its turn comes.
      for (let index = before.length - 1; index >= shared; index -= 1)
        operations.push({ op: 'remove', path: `${path}/${index}` });
      for (let index = shared; index < after.length; index += 1)
        operations.push({ op: 'add', path: `${path}/${index}`, value: after[index] ?? null });
      return operations;
    }
  }
  if (path === '') return [{ op: 'replace', path: '', value: after }];
  return [{ op: 'replace', path, value: after }];
}
