import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, registerDecorator } from 'class-validator';
import {
  createValidationPipe,
  RequestValidationError,
  VALID_QUERY_MEMO_SIZE,
} from './request-validation';

/** How many times the rule below ran: a query answered from the memo runs no rule. */
let ruleRuns = 0;
function CountedRule(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'countedRule',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: () => {
          ruleRuns += 1;
          return true;
        },
      },
    });
}

class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  @CountedRule()
  limit?: number;

  @IsOptional()
  @IsIn(['active', 'closed'])
  status?: 'active' | 'closed';
}

const asQuery: ArgumentMetadata = { type: 'query', metatype: PageQuery };

describe('the validation pipe on query strings', () => {
  beforeEach(() => {
    ruleRuns = 0;
  });

  it('answers a query string found valid before with a copy of the DTO, without running the rules again', async () => {
    const pipe = createValidationPipe();
    const first = await pipe.transform({ limit: '20', status: 'active' }, asQuery);
    const second = await pipe.transform({ limit: '20', status: 'active' }, asQuery);
    expect(first).toBeInstanceOf(PageQuery);
    expect(second).toBeInstanceOf(PageQuery);
    expect(second).toEqual(first);
    expect(second).toEqual({ limit: 20, status: 'active' });
    expect(second).not.toBe(first);
    expect(ruleRuns).toBe(1);
    // Another query string is validated on its own.
    expect(await pipe.transform({ limit: '21' }, asQuery)).toEqual({ limit: 21 });
    expect(ruleRuns).toBe(2);
  });

  it('hands each request its own copy: a change to one answer is not seen by the next', async () => {
    const pipe = createValidationPipe();
    const first = (await pipe.transform({ limit: '5' }, asQuery)) as PageQuery;
    first.limit = 99;
    expect(await pipe.transform({ limit: '5' }, asQuery)).toEqual({ limit: 5 });
  });

  it('refuses a bad query string every time with the same problems, before and after a valid one', async () => {
    const pipe = createValidationPipe();
    const problemsOf = async (query: object) => {
      try {
        await pipe.transform(query, asQuery);
      } catch (error) {
        if (error instanceof RequestValidationError) return error.problems;
        throw error;
      }
      throw new Error('accepted');
    };
    const refused = await problemsOf({ limit: '0', status: 'open' });
    expect(refused.map((problem) => `${problem.field}:${problem.rule}`).sort()).toEqual([
      'limit:min',
      'status:isIn',
    ]);
    await pipe.transform({ limit: '1' }, asQuery);
    expect(await problemsOf({ limit: '0', status: 'open' })).toEqual(refused);
    expect(await problemsOf({ limit: '1', extra: 'x' })).toEqual([
      { field: 'extra', rule: 'whitelistValidation', message: 'property extra should not exist' },
    ]);
  });
});

/** A query with a wide range of values: as many distinct query strings as a test needs. */
class OffsetQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @CountedRule()
  offset?: number;
}

describe('the validation pipe memo over many query strings', () => {
  beforeEach(() => {
    ruleRuns = 0;
  });

  it('answers a second pass through 5,000 distinct query strings (a list paged through) without running the rules again', async () => {
    const pipe = createValidationPipe();
    const asOffsetQuery: ArgumentMetadata = { type: 'query', metatype: OffsetQuery };
    const queries = Array.from({ length: 5_000 }, (_, index) => ({ offset: String(index * 20) }));
    for (const query of queries) await pipe.transform(query, asOffsetQuery);
    expect(ruleRuns).toBe(5_000);
    for (const query of queries) {
      expect(await pipe.transform(query, asOffsetQuery)).toEqual({ offset: Number(query.offset) });
    }
    expect(ruleRuns).toBe(5_000);
  });

  it('keeps at most VALID_QUERY_MEMO_SIZE answers over every DTO class: past it, the rules run again', async () => {
    const pipe = createValidationPipe();
    const asOffsetQuery: ArgumentMetadata = { type: 'query', metatype: OffsetQuery };
    await pipe.transform({ limit: '7' }, asQuery);
    for (let index = 0; index < VALID_QUERY_MEMO_SIZE; index++) {
      await pipe.transform({ offset: String(index) }, asOffsetQuery);
    }
    // The memo was full when the last one came: it was emptied, the other class's answer too.
    const runs = ruleRuns;
    await pipe.transform({ limit: '7' }, asQuery);
    expect(ruleRuns).toBe(runs + 1);
  });
});
