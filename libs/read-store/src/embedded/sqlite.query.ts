import type { Condition, FilterValue, NormalizedFind, RangeValue } from '../read-filter';

/**
 * Translates checked conditions (read-filter.ts) to SQL over the JSON column `doc`. Field paths
 * were matched against FIELD_PATH (letters, digits, '_' and '.'), so they are inlined as JSON
 * path literals (which lets expression indexes on `json_extract(doc, '$.x')` match later);
 * every value is a bound parameter. Type checks mirror MongoDB's type bracketing: a number
 * never equals or compares with a string, a boolean never with 0 or 1.
 */
export interface SqlFragment {
  readonly sql: string;
  readonly params: (string | number)[];
}

const OPERATOR_SQL = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const;

function jsonPath(path: string): string {
  return `'$.${path}'`;
}

function typedCompare(path: string, operator: string, value: string | number): SqlFragment {
  const p = jsonPath(path);
  const type = typeof value === 'string' ? `= 'text'` : `IN ('integer', 'real')`;
  return {
    sql: `(json_type(doc, ${p}) ${type} AND json_extract(doc, ${p}) ${operator} ?)`,
    params: [value],
  };
}

/** True (1) or false (0), never NULL: `$ne` negates it. */
function equals(path: string, value: FilterValue): SqlFragment {
  const p = jsonPath(path);
  if (value === null) return { sql: `(json_extract(doc, ${p}) IS NULL)`, params: [] };
  if (typeof value === 'boolean') {
    return { sql: `(json_type(doc, ${p}) IS '${value ? 'true' : 'false'}')`, params: [] };
  }
  const compared = typedCompare(path, '=', value);
  return { sql: `COALESCE(${compared.sql}, 0)`, params: compared.params };
}

function condition(entry: Condition): SqlFragment {
  switch (entry.op) {
    case '$eq':
      return equals(entry.path, entry.value);
    case '$ne': {
      const inner = equals(entry.path, entry.value);
      return { sql: `(NOT ${inner.sql})`, params: inner.params };
    }
    case '$in': {
      if (entry.value.length === 0) return { sql: '0', params: [] };
      const parts = entry.value.map((value) => equals(entry.path, value));
      return {
        sql: `(${parts.map((part) => part.sql).join(' OR ')})`,
        params: parts.flatMap((part) => part.params),
      };
    }
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      return typedCompare(entry.path, OPERATOR_SQL[entry.op], entry.value satisfies RangeValue);
    default: {
      const unknown: never = entry;
      throw new TypeError(`unsupported condition ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Whether `json_extract` equal to this string can only mean a JSON string equal to it. It
 * answers SQL text for a JSON string and, for an array or an object, that value's JSON text
 * (which starts with '[' or '{'); numbers, booleans (1/0) and null never equal text in SQLite.
 * So the type check is only needed for a string that could be an array's or object's text.
 */
function onlyJsonStringEquals(value: string): boolean {
  return !value.startsWith('[') && !value.startsWith('{');
}

/**
 * A top-level `$eq` / `$in` over strings or numbers, written so an expression index on
 * `json_extract(doc, path)` can serve it: the bare comparison (or IN list) first, the type check
 * beside it. At the top of a WHERE a NULL (missing field) is as good as false, so the COALESCE
 * that `$ne` needs is left out. Other conditions keep their general form.
 *
 * Strings that cannot be an array's or object's JSON text go without the type check: the check
 * parses each matching row's document, where the bare comparison is answered by the index alone
 * (a count of a program's active projects then never reads the table).
 */
function indexable(entry: Condition): SqlFragment | null {
  const values = entry.op === '$eq' ? [entry.value] : entry.op === '$in' ? entry.value : null;
  if (values === null || values.length === 0) return null;
  const kind = typeof values[0];
  if ((kind !== 'string' && kind !== 'number') || values.some((v) => typeof v !== kind)) {
    return null;
  }
  const p = jsonPath(entry.path);
  const compared =
    values.length === 1
      ? `json_extract(doc, ${p}) = ?`
      : `json_extract(doc, ${p}) IN (${values.map(() => '?').join(', ')})`;
  const params = values as (string | number)[];
  if (kind === 'string' && (values as string[]).every(onlyJsonStringEquals)) {
    return { sql: compared, params };
  }
  const type = kind === 'string' ? `= 'text'` : `IN ('integer', 'real')`;
  return { sql: `${compared} AND json_type(doc, ${p}) ${type}`, params };
}

export function whereClause(conditions: readonly Condition[]): SqlFragment {
  if (conditions.length === 0) return { sql: '', params: [] };
  const parts = conditions.map((entry) => indexable(entry) ?? condition(entry));
  return {
    sql: ` WHERE ${parts.map((part) => part.sql).join(' AND ')}`,
    params: parts.flatMap((part) => part.params),
  };
}

/** ORDER BY, LIMIT and OFFSET (NULL and missing sort first ascending, as in MongoDB). */
export function pageClause(find: NormalizedFind): SqlFragment {
  const order = find.sort
    .map(([field, direction]) => {
      const column = field === '_id' ? 'id' : `json_extract(doc, ${jsonPath(field)})`;
      return `${column} ${direction === 'asc' ? 'ASC' : 'DESC'}`;
    })
    .join(', ');
  return { sql: ` ORDER BY ${order} LIMIT ? OFFSET ?`, params: [find.limit ?? -1, find.skip] };
}
