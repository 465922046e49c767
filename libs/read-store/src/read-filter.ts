/**
 * The read store's small query language, shared by every adapter: equality, `$ne`, `$in` and
 * ranges on a top-level or dotted field, fields ANDed. It is a strict subset of MongoDB's filter
 * syntax, and field paths are checked against a strict pattern before any adapter sees them.
 */
export type FilterValue = string | number | boolean | null;
/** Ranges compare numbers with numbers and strings with strings (ISO dates sort as text). */
export type RangeValue = string | number;

export interface FieldOperators {
  readonly $eq?: FilterValue;
  readonly $ne?: FilterValue;
  readonly $in?: readonly FilterValue[];
  readonly $gt?: RangeValue;
  readonly $gte?: RangeValue;
  readonly $lt?: RangeValue;
  readonly $lte?: RangeValue;
}

/** A bare value means `$eq`. Several operators on one field are ANDed. */
export type FieldCondition = FilterValue | FieldOperators;

/** Field path (`status`, `baseline.budget`) → condition. `null` matches null or missing. */
export type ReadFilter = Readonly<Record<string, FieldCondition>>;

export type SortDirection = 'asc' | 'desc';
export type SortSpec = readonly (readonly [field: string, direction: SortDirection])[];

export interface FindOptions {
  /** Sort keys in order of precedence; `_id` ascending is always added last. */
  readonly sort?: SortSpec;
  readonly skip?: number;
  readonly limit?: number;
}

export type Operator = '$eq' | '$ne' | '$in' | '$gt' | '$gte' | '$lt' | '$lte';

/** One checked condition: adapters translate a list of these, ANDed. */
export type Condition =
  | { readonly path: string; readonly op: '$eq' | '$ne'; readonly value: FilterValue }
  | { readonly path: string; readonly op: '$in'; readonly value: readonly FilterValue[] }
  | {
      readonly path: string;
      readonly op: '$gt' | '$gte' | '$lt' | '$lte';
      readonly value: RangeValue;
    };

const SEGMENT = '[A-Za-z_][A-Za-z0-9_]*';
/** Letters, digits and '_' per segment, '.' between segments: no quotes, no '$', no indexes. */
export const FIELD_PATH = new RegExp(`^${SEGMENT}(\\.${SEGMENT})*$`);
export const COLLECTION_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const RANGE_OPS = new Set<string>(['$gt', '$gte', '$lt', '$lte']);

export function assertCollectionName(name: string): void {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
    throw new TypeError(`invalid collection name ${JSON.stringify(name)}: use ${COLLECTION_NAME}`);
  }
}

export function assertFieldPath(path: string): void {
  if (typeof path !== 'string' || path.length > 200 || !FIELD_PATH.test(path)) {
    throw new TypeError(`invalid field path ${JSON.stringify(path)}: use ${FIELD_PATH}`);
  }
}

/** The fields `findJson` leaves out: top-level names (a nested one would be a partial value). */
export function assertOmittedFields(fields: readonly string[]): void {
  for (const field of fields) {
    assertFieldPath(field);
    if (field.includes('.')) throw new TypeError(`findJson omits top-level fields, not ${field}`);
  }
}

function isFilterValue(value: unknown): value is FilterValue {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function isRangeValue(value: unknown): value is RangeValue {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** Checks a filter and flattens it to conditions; throws TypeError on anything else. */
export function normalizeFilter(filter: ReadFilter | undefined): Condition[] {
  if (filter === undefined) return [];
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
    throw new TypeError('a filter is an object of field path → condition');
  }
  const conditions: Condition[] = [];
  for (const [path, condition] of Object.entries(filter)) {
    assertFieldPath(path);
    if (isFilterValue(condition)) {
      conditions.push({ path, op: '$eq', value: condition });
      continue;
    }
    if (typeof condition !== 'object' || Array.isArray(condition)) {
      throw new TypeError(`filter on ${path}: unsupported value ${String(condition)}`);
    }
    const entries = Object.entries(condition as Record<string, unknown>);
    if (entries.length === 0) throw new TypeError(`filter on ${path}: no operator`);
    for (const [op, value] of entries) {
      if (op === '$eq' || op === '$ne') {
        if (!isFilterValue(value)) throw new TypeError(`filter on ${path}: bad ${op} value`);
        conditions.push({ path, op, value });
      } else if (op === '$in') {
        if (!Array.isArray(value) || !value.every(isFilterValue)) {
          throw new TypeError(`filter on ${path}: $in takes an array of scalars`);
        }
        conditions.push({ path, op, value: [...value] });
      } else if (RANGE_OPS.has(op)) {
        if (!isRangeValue(value)) {
          throw new TypeError(`filter on ${path}: ${op} takes a finite number or a string`);
        }
        conditions.push({ path, op: op as '$gt' | '$gte' | '$lt' | '$lte', value });
      } else {
        throw new TypeError(`filter on ${path}: unsupported operator ${JSON.stringify(op)}`);
      }
    }
  }
  return conditions;
}

export interface NormalizedFind {
  readonly sort: readonly (readonly [string, SortDirection])[];
  readonly skip: number;
  readonly limit: number | undefined;
}

export function normalizeFindOptions(options: FindOptions | undefined): NormalizedFind {
  const sort: [string, SortDirection][] = [];
  for (const key of options?.sort ?? []) {
    const [field, direction] = key;
    assertFieldPath(field);
    if (direction !== 'asc' && direction !== 'desc') {
      throw new TypeError(`sort on ${field}: direction must be 'asc' or 'desc'`);
    }
    if (sort.some(([seen]) => seen === field)) throw new TypeError(`sort on ${field} twice`);
    sort.push([field, direction]);
  }
  if (!sort.some(([field]) => field === '_id')) sort.push(['_id', 'asc']);
  const skip = options?.skip ?? 0;
  const limit = options?.limit;
  if (!Number.isSafeInteger(skip) || skip < 0) throw new RangeError(`bad skip ${skip}`);
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 0)) {
    throw new RangeError(`bad limit ${limit}`);
  }
  return { sort, skip, limit };
}
