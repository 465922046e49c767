import type { Filter, Sort } from 'mongodb';
import type { Condition, NormalizedFind } from '../read-filter';
import type { ReadDocument } from '../read-store.port';

/**
 * Checked conditions (read-filter.ts) back to MongoDB syntax, rebuilt key by key so nothing but
 * the allowed operators reaches the server. Only `$eq/$ne/$in/$gt/$gte/$lt/$lte` on dotted
 * paths: within ARCHITECTURE.md's FerretDB 1.24 subset.
 */
export function mongoFilter(conditions: readonly Condition[]): Filter<ReadDocument> {
  const filter: Record<string, Record<string, unknown>> = {};
  for (const condition of conditions) {
    const operators = (filter[condition.path] ??= {});
    operators[condition.op] = condition.value;
  }
  return filter;
}

export function mongoSort(find: NormalizedFind): Sort {
  return find.sort.map(([field, direction]): [string, 1 | -1] => [
    field,
    direction === 'asc' ? 1 : -1,
  ]);
}
