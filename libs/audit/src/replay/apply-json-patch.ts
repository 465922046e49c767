import type { JsonValue } from '@ledger/event-store';
import { isJsonArray, unescapePointerToken, type JsonPatchOperation } from './json-patch';

type Container = Record<string, JsonValue> | JsonValue[];

const clone = (value: JsonValue): JsonValue => structuredClone(value);

/**
 * Applies RFC 6902 `add`/`remove`/`replace` to a copy of `document` (the operations `jsonPatch`
 * emits): how an auditor's tool, or a test, checks that a timeline's patches rebuild the state.
 * Throws on a path that does not exist, as RFC 6902 requires.
 */
export function applyJsonPatch(
  document: JsonValue,
  operations: readonly JsonPatchOperation[],
): JsonValue {
  let result = clone(document);
  for (const operation of operations) {
    if (operation.path === '') {
      if (operation.op === 'remove') throw new Error('cannot remove the whole document');
      result = clone(operation.value);
      continue;
    }
    const tokens = operation.path.slice(1).split('/').map(unescapePointerToken);
    const last = tokens.pop() ?? '';
    let parent: JsonValue = result;
    for (const token of tokens) parent = childOf(parent, token, operation.path);
    if (parent === null || typeof parent !== 'object')
      throw new Error(`${operation.path}: parent is not a container`);
    const container = parent as Container;
    if (Array.isArray(container)) {
      const index = last === '-' ? container.length : Number(last);
      if (!Number.isInteger(index) || index < 0 || index > container.length)
        throw new Error(`${operation.path}: index out of range`);
      if (operation.op === 'add') container.splice(index, 0, clone(operation.value));
      else if (index >= container.length) throw new Error(`${operation.path}: no such element`);
      else if (operation.op === 'remove') container.splice(index, 1);
      else container[index] = clone(operation.value);
    } else {
      if (operation.op !== 'add' && !(last in container))
        throw new Error(`${operation.path}: no such member`);
      if (operation.op === 'remove') delete container[last];
      else container[last] = clone(operation.value);
    }
  }
  return result;
}

function childOf(parent: JsonValue, token: string, path: string): JsonValue {
  if (isJsonArray(parent)) {
    const child = parent[Number(token)];
    if (child === undefined) throw new Error(`${path}: no element ${token}`);
    return child;
  }
  if (parent !== null && typeof parent === 'object' && token in parent)
    return (parent as Record<string, JsonValue>)[token] ?? null;
  throw new Error(`${path}: no member ${token}`);
}
