import { VersionedMap } from '@ledger/domain';
import type { JsonValue } from '@ledger/event-store';

/**
 * An aggregate's state as JSON, so it can be served and diffed. States are plain data except for
 * the Maps (and any Set) some aggregates keep for lookups: a Map, or the domain's VersionedMap (the
 * persistent map a project's state folds into), becomes an object keyed by its keys, a Set an
 * array, in insertion order; `undefined` fields are left out, as JSON.stringify does.
 */
export function toJsonState(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Map || value instanceof VersionedMap) {
    const object: Record<string, JsonValue> = {};
    for (const [key, entry] of value as ReadonlyMap<unknown, unknown>)
      if (entry !== undefined) object[String(key)] = toJsonState(entry);
    return object;
  }
  if (value instanceof Set) return [...(value as Set<unknown>)].map(toJsonState);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item: unknown) => toJsonState(item ?? null));
  if (typeof value === 'object') {
    const object: Record<string, JsonValue> = {};
    for (const [key, entry] of Object.entries(value as Record<string, unknown>))
      if (entry !== undefined) object[key] = toJsonState(entry);
    return object;
  }
  // Functions, symbols, bigints and undefined have no JSON form; states never hold them.
  return null;
}
