import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import type { FieldProblem } from './problem-details';
import { arrayBoundViolations } from './array-bounds';
import { cacheValidationMetadata } from './validation-metadata-cache';

/**
 * At most this many field problems are listed in one answer; the rest are counted. A body of
 * 100,000 bad elements once produced a 96 MB answer: a client fixes the first few and retries.
 */
export const MAX_LISTED_PROBLEMS = 50;

/** The body (or a parameter) failed its DTO's rules: answered 400 with its fields and rules. */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';
  /** The problems listed (at most MAX_LISTED_PROBLEMS). */
  readonly problems: readonly FieldProblem[];
  /** How many more problems there were beyond those listed. */
  readonly unlisted: number;
  constructor(problems: readonly FieldProblem[], unlisted = 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
    super(
      listed.map((problem) => `${problem.field}: ${problem.message}`).join('; ') +
        (problems.length - listed.length + unlisted > 0
          ? `; and ${problems.length - listed.length + unlisted} more`
          : ''),
    );
    this.problems = listed;
    this.unlisted = problems.length - listed.length + unlisted;
  }
}

/**
 * Flattens class-validator's tree into `a.b[2].c` paths, stopping once `limit` problems are
 * collected; `counted` then tells how many there were in all.
 */
export function flattenValidationErrors(
  errors: readonly ValidationError[],
  limit = Number.POSITIVE_INFINITY,
): { problems: FieldProblem[]; counted: number } {
  const problems: FieldProblem[] = [];
  let counted = 0;
  const visit = (list: readonly ValidationError[], parent: string): void => {
    for (const error of list) {
      const segment = /^\d+$/.test(error.property) ? `[${error.property}]` : error.property;
      const field =
        parent === ''
          ? segment
          : segment.startsWith('[')
            ? `${parent}${segment}`
            : `${parent}.${segment}`;
      for (const [rule, message] of Object.entries(error.constraints ?? {})) {
        counted++;
        if (problems.length < limit) problems.push({ field, rule, message });
      }
      visit(error.children ?? [], field);
    }
  };
  visit(errors, '');
  return { problems, counted };
}

/** Keys that Nest's pipe strips silently; a query naming one is refused like any unknown key. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * Names every object inherits (toString, hasOwnProperty, valueOf…). class-transformer skips a
 * body key of that name, so it escaped forbidNonWhitelisted and was dropped silently while any
 * other unknown key is refused (found by the command fuzzer, issue 9). Depth and array sizes are
 * bounded by the body parser before this walk.
 */
const INHERITED_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

function inheritedKeysIn(value: unknown, path: string, found: string[]): string[] {
  if (value === null || typeof value !== 'object' || found.length >= MAX_LISTED_PROBLEMS)
    return found;
  const isArray = Array.isArray(value);
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const field = isArray ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
    if (!isArray && INHERITED_KEYS.has(key)) found.push(field);
    inheritedKeysIn(child, field, found);
  }
  return found;
}

/**
 * Global pipe: unknown fields are refused (not silently dropped) so a typo in a client never
 * turns into a command that ignores what the user meant. Array bounds are checked before the
 * nested rules run, so an oversized array costs one comparison, not one validation per element.
 */
class LedgerValidationPipe extends ValidationPipe {
  private readonly validQueries = new ValidQueryMemo();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' && value !== null && typeof value === 'object') {
      const prototypeKeys = Object.keys(value).filter((key) => PROTOTYPE_KEYS.includes(key));
      if (prototypeKeys.length > 0)
        throw new RequestValidationError(
          prototypeKeys.map((key) => ({
            field: key,
            rule: 'whitelistValidation',
            message: `property ${key} should not exist`,
          })),
        );
      const { metatype } = metadata;
      if (metatype !== undefined && !PRIMITIVE_TYPES.has(metatype)) {
        return this.validQueries.answer(metatype, value, () => super.transform(value, metadata));
      }
    }
    if (metadata.type === 'body') {
      const inherited = inheritedKeysIn(value, '', []);
      if (inherited.length > 0)
        throw new RequestValidationError(
          inherited.map((field) => ({
            field,
            rule: 'whitelistValidation',
            message: `property ${field} should not exist`,
          })),
        );
    }
    return super.transform(value, metadata);
  }

  protected override validate(
    object: object,
    validatorOptions?: ValidatorOptions,
  ): Promise<ValidationError[]> | ValidationError[] {
    const bounds = arrayBoundViolations(object);
    if (bounds.length > 0) throw new RequestValidationError(bounds);
    return super.validate(object, validatorOptions);
  }
}

/** Parameter types Nest's pipe converts or passes as they are, with no DTO class to validate. */
const PRIMITIVE_TYPES: ReadonlySet<unknown> = new Set([String, Number, Boolean, Array, Object]);

/**
 * Valid query strings kept, over every DTO class together; all emptied when full, as the
 * verified-token cache is. Emptying at a bound below the number of pages clients go through
 * keeps nothing: paging through 2,000 list pages (query-project-list at 100,000 projects) with a
 * bound of 1,000 per class cleared the memo before any page came round again, and class-
 * transformer + class-validator stayed 9 % of the server's CPU profile. An entry is ~270 bytes
 * of heap (measured: a list query's key and DTO copy), so the bound is ~2.7 MB.
 */
export const VALID_QUERY_MEMO_SIZE = 10_000;

/**
 * A query DTO's answer is a function of the query string alone (its rules convert and check
 * strings, and read no clock or store), and clients ask the same pages again and again (a
 * dashboard, paging through a list): a query string found valid before is answered with a copy
 * of the DTO built then, without class-transformer and class-validator. Only answers whose fields
 * are all plain values are kept, so a copy shares nothing mutable with the next request; a
 * refused query is never kept and is checked again, so every 400 stays what the rules say.
 */
class ValidQueryMemo {
  private readonly byClass = new Map<object, Map<string, object>>();
  private size = 0;

  async answer(
    metatype: object,
    query: object,
    validate: () => Promise<unknown>,
  ): Promise<unknown> {
    const key = JSON.stringify(query);
    const known = this.byClass.get(metatype)?.get(key);
    if (known !== undefined) return copyOf(known);
    const answer = await validate();
    if (answer !== null && typeof answer === 'object' && onlyPlainValues(answer)) {
      if (this.size >= VALID_QUERY_MEMO_SIZE) {
        this.byClass.clear();
        this.size = 0;
      }
      // Looked up after the rules ran: another request may have emptied the memo meanwhile.
      let valid = this.byClass.get(metatype);
      if (valid === undefined) this.byClass.set(metatype, (valid = new Map<string, object>()));
      if (!valid.has(key)) this.size++;
      valid.set(key, copyOf(answer));
    }
    return answer;
  }
}

function onlyPlainValues(answer: object): boolean {
  return Object.values(answer).every(
    (field) => field === null || (typeof field !== 'object' && typeof field !== 'function'),
  );
}

/** The same class of object with the same own fields (all plain values). */
function copyOf(answer: object): object {
  return Object.assign(
    Object.create(Object.getPrototypeOf(answer) as object | null) as object,
    answer,
  );
}

export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new LedgerValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const { problems, counted } = flattenValidationErrors(errors, MAX_LISTED_PROBLEMS);
      return new RequestValidationError(problems, counted - problems.length);
    },
  });
}
