import type { Role } from '@ledger/domain';
import type { ReadStore } from '@ledger/read-store';

/**
 * One query parameter of a read route: what it accepts (`kind`, and `enum`, `minimum`,
 * `maximum` where they apply) and how the OpenAPI document describes it. The HTTP shell turns
 * each kind into its validation rules (apps/api/src/read-side/read-query-dto.ts); this library
 * stays free of framework decorators. Every key but `kind` is documentation, kept in the order
 * written, because the OpenAPI document shows them in that order.
 */
export type ReadQueryField =
  /** `YYYY-MM-DD`, a real date in the supported window. */
  | DocumentedField<'calendar-date', string>
  /** A date, or a date-time with an explicit offset. */
  | DocumentedField<'calendar-date-or-offset-date-time', string>
  /** `YYYY-MM`, a calendar month. */
  | DocumentedField<'month', string>
  /** A resource id (the same rule as an id in a path). */
  | DocumentedField<'resource-id', string>
  /** A token subject (`sub`): a non-empty string of at most 200 characters. */
  | DocumentedField<'subject', string>
  /** One of the values listed. */
  | (DocumentedField<'one-of', string> & { readonly enum: readonly string[] })
  /** An integer between `minimum` and `maximum`, both included. */
  | (DocumentedField<'integer', number> & {
      readonly minimum: number;
      readonly maximum: number;
      readonly default?: number;
    });

interface DocumentedField<Kind extends string, Value> {
  readonly kind: Kind;
  readonly example?: Value;
  readonly description?: string;
}

/**
 * Paging deeper than this is not a use of a list (filter instead); the bound keeps `offset`
 * an exact integer that every read store takes (1e20 once reached SQLite as a 500).
 */
export const MAX_LIST_OFFSET = 1_000_000;

/** The query parameters of a read route by name, in the order the document lists them. */
export type ReadQueryFields = Readonly<Record<string, ReadQueryField>>;

type ValueOf<Field> = Field extends { readonly kind: 'integer' }
  ? number
  : Field extends { readonly enum: readonly (infer Value)[] }
    ? Value
    : string;

/** The validated query: every field optional (absent means "not asked"), typed by its kind. */
export type ReadQueryInput<Fields extends ReadQueryFields> = {
  readonly [Name in keyof Fields]?: ValueOf<Fields[Name]>;
};

/** The names of a path's parameters: `api/projects/:projectId/risks` → `projectId`. */
export type PathParams<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<Rest>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

/** A field of the query that a cross-field rule refuses (answered 400, as the validator's). */
export interface ReadQueryProblem {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/** What an answer is computed from: the path's ids, the validated query, the caller's claim. */
export interface ReadRequest<Path extends string, Fields extends ReadQueryFields> {
  readonly params: Readonly<Record<PathParams<Path>, string>>;
  readonly query: ReadQueryInput<Fields>;
  /** The programs in the caller's token claim: a list of ids, or every program. */
  readonly programs: '*' | readonly string[];
}

/**
 * What the HTTP shell lends an answer: the read store, read-your-writes per read model, the
 * caller's claim, and today (a read model never reads the clock itself).
 */
export interface ReadContext {
  readonly store: ReadStore;
  /**
   * Waits until `readModel` applied the query's `minPosition` (if asked), states the position
   * served in X-Read-Position and answers it. Read the documents after this call.
   */
  served(readModel: string): Promise<number>;
  /** States `position` in X-Read-Position (an answer made from several read models: the lowest). */
  state(position: number): void;
  /** 403 unless the caller's claim holds this program. */
  assertProgram(programId: string): void;
  /** Today, UTC (`YYYY-MM-DD`): the default `asOf` of query-time figures. */
  readonly today: string;
}

/**
 * An answer already serialised by its query (a page made from stored JSON text): the shell
 * sends the text, or its UTF-8 bytes, as `application/json` as it is.
 */
export interface JsonTextAnswer {
  readonly jsonText: string | Buffer;
}

/**
 * One HTTP read route of a read model, declared in the read model's folder beside its query;
 * the api registers one controller per declaration (READ_ROUTES) and derives the route's
 * documented answer schema from `answerType`.
 */
export interface ReadRoute<
  Path extends string = string,
  Fields extends ReadQueryFields = ReadQueryFields,
  Answer = unknown,
> {
  /**
   * The OpenAPI operation id, `<Controller>_<handler>` as the hand-written controllers had it:
   * generated clients name their calls by it, so it never changes.
   */
  readonly operationId: `${string}Controller_${string}`;
  /** The OpenAPI tag that groups it. */
  readonly tag: string;
  /** Relative to the server, Nest's syntax: `api/projects/:projectId/risks`. */
  readonly path: Path;
  readonly roles: readonly Role[];
  /** OpenAPI: the operation's summary, the 200's description and example. */
  readonly summary: string;
  readonly description: string;
  readonly example?: Answer;
  /** The query parameters besides `minPosition` and `waitMs`, which every read route takes. */
  readonly query: Fields;
  /** The exported TypeScript type of the answer (the schema of the documented 200). */
  readonly answerType: string;
  /**
   * Rules across fields that per-field validation cannot state (a period's ends in order):
   * checked with the field rules, before any scope check.
   */
  queryProblems?(query: ReadQueryInput<Fields>): readonly ReadQueryProblem[];
  /**
   * The path or query parameter naming a program the caller's claim must hold: checked (403)
   * before anything is read, when the parameter is present, so whether a program outside the
   * claim exists is not the caller's business.
   */
  readonly programScope?: string;
  /** The answer: waits and states positions through `reads`, throws the domain's not-found. */
  answer(request: ReadRequest<Path, Fields>, reads: ReadContext): Promise<Answer | JsonTextAnswer>;
}

/**
 * Declares a read route with its path parameters and query typed from the declaration itself
 * (`const` keeps the literal path and the `enum` values).
 */
export function defineReadRoute<
  const Path extends string,
  const Fields extends ReadQueryFields,
  Answer,
>(route: ReadRoute<Path, Fields, Answer>): ReadRoute<Path, Fields, Answer> {
  return route;
}
