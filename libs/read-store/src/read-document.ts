import type { ReadDocument } from './read-store.port';

/**
 * Refuses what one adapter would store differently from another: non-JSON values (undefined,
 * NaN, Date, Map…), keys with '.' or a leading '$', a non-string `_id`, a bad `position`.
 */
export function assertReadDocument(document: ReadDocument): void {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new TypeError('a read document is a plain object');
  }
  if (typeof document._id !== 'string' || document._id.length === 0) {
    throw new TypeError('a read document needs a non-empty string _id');
  }
  if (!Number.isSafeInteger(document.position) || document.position < 0) {
    throw new TypeError(`document ${document._id}: position must be a non-negative integer`);
  }
  // The quick walk says only whether the document is fine; the slow one, run only when it is
  // not, says where. Every value of every document written goes through here: checking the
  // documents of the 200,000-event rebuild (14,496, 42 MB of JSON) took 94-160 ms this way
  // against 210-275 ms with the path kept on the way (medians of 7, shared machine).
  if (!isStorableJson(document, 0)) assertJson(document, document._id, [], 0);
}

/**
 * Keys already found free of '.', a leading '$' and NUL: read models reuse the same few field
 * names in every document, so a key is usually checked by one set look-up instead of three
 * scans. Bounded, since a read model may key a map by ids.
 */
const acceptedKeys = new Set<string>();
const MAX_ACCEPTED_KEYS = 4096;

function isAcceptedKey(key: string): boolean {
  if (acceptedKeys.has(key)) return true;
  if (key.includes('.') || key.startsWith('$') || key.includes('\u0000')) return false;
  if (acceptedKeys.size < MAX_ACCEPTED_KEYS) acceptedKeys.add(key);
  return true;
}

/** What assertJson accepts, without a path or an error: true when `value` may be stored. */
function isStorableJson(value: unknown, depth: number): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  // As in assertJson: past 64 levels only null, strings and booleans pass.
  if (depth > 64) return false;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      if (!isStorableJson(value[index], depth + 1)) return false;
    }
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) {
    if (!isAcceptedKey(key)) return false;
    if (!isStorableJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/** `a.b[2].c` from the path segments (built only for an error message). */
function pathOf(segments: readonly (string | number)[]): string {
  return segments
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
    )
    .join('');
}

// Called on every value of every document written: the path is kept as a segment stack and
// only formatted when something is wrong (formatting it per value was 15 % of a rebuild).
function assertJson(value: unknown, id: string, path: (string | number)[], depth: number): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (depth > 64)
    throw new TypeError(`document ${id}: nested deeper than 64 levels at ${pathOf(path)}`);
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return;
    throw new TypeError(`document ${id}: ${pathOf(path)} is not a finite number`);
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      assertJson(value[index], id, path, depth + 1);
      path.pop();
    }
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const key in value) {
      if (key.includes('.') || key.startsWith('$') || key.includes('\u0000')) {
        throw new TypeError(`document ${id}: key ${JSON.stringify(key)} has '.', '$' or NUL`);
      }
      path.push(key);
      assertJson((value as Record<string, unknown>)[key], id, path, depth + 1);
      path.pop();
    }
    return;
  }
  throw new TypeError(`document ${id}: ${pathOf(path) || 'value'} is not JSON (${typeof value})`);
}

/** Checkpoint names share the collection-name rules' spirit but allow more punctuation. */
export function assertCheckpointName(name: string): void {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_.:-]{1,128}$/.test(name)) {
    throw new TypeError(`invalid checkpoint name ${JSON.stringify(name)}`);
  }
}

export function assertPosition(position: number): void {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new RangeError(`a position is a non-negative integer, got ${position}`);
  }
}
