import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { plainToInstance, Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  registerDecorator,
  validate,
  ValidateIf,
  ValidateNested,
  type ValidatorOptions,
} from 'class-validator';
import { passesEveryRule } from './passes-every-rule';
import { createValidationPipe, RequestValidationError } from './request-validation';

/** The options the api's validation pipe hands class-validator. */
const OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

function NoControlCharacters(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'noControlCharacters',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !/\p{Cc}/u.test(value),
      },
    });
}

function CheckedElsewhere(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'checkedElsewhere',
      target: target.constructor,
      propertyName: String(propertyName),
      async: true,
      validator: { validate: () => Promise.resolve(true) },
    });
}

class Line {
  @IsString()
  @MaxLength(10)
  sku!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

class Base {
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  effectiveAt?: string;
}

class Order extends Base {
  @IsString()
  @MaxLength(20)
  @NoControlCharacters()
  name!: string;

  @IsOptional()
  @IsIn(['low', 'high'])
  priority?: 'low' | 'high';

  @ValidateIf((order: Order) => order.priority === 'high')
  @IsString()
  reason?: string;

  @IsOptional()
  @IsString({ each: true })
  @ArrayMaxSize(3)
  tags?: string[];

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => Line)
  lines?: Line[];

  @IsOptional()
  @ValidateNested()
  @Type(() => Line)
  main?: Line;

  @Allow()
  note?: unknown;

  @IsDefined()
  version!: unknown;
}

class Looked {
  @CheckedElsewhere()
  code!: string;
}

class Untyped {
  @IsOptional()
  @ValidateNested()
  line?: unknown;
}

class Bare {
  name?: string;
}

const validOrders: object[] = [
  { name: 'a', version: 1 },
  { name: 'a', version: 1, effectiveAt: '2026-12-06', priority: 'low' },
  { name: 'a', version: 0, priority: 'high', reason: 'now' },
  { name: 'a', version: 'x', tags: ['x', 'y'], note: { any: 'thing' } },
  { name: 'a', version: 2, lines: [{ sku: 's', quantity: 2 }], main: { sku: 't', quantity: 1 } },
  { name: 'a', version: 1, main: null },
  { name: 'a', version: 1, lines: [], tags: [] },
];

const invalidOrders: object[] = [
  {},
  { name: 'a' },
  { name: 5, version: 1 },
  { name: 'a\u0007', version: 1 },
  { name: 'a', version: 1, extra: true },
  { name: 'a', version: 1, priority: 'urgent' },
  { name: 'a', version: 1, priority: 'high' },
  { name: 'a', version: 1, tags: ['x', 5] },
  { name: 'a', version: 1, tags: ['a', 'b', 'c', 'd'] },
  { name: 'a', version: 1, lines: [{ sku: 's', quantity: 0 }] },
  { name: 'a', version: 1, lines: [{ sku: 's', quantity: 1, extra: 1 }] },
  { name: 'a', version: 1, lines: ['s'] },
  { name: 'a', version: 1, lines: [null] },
  { name: 'a', version: null },
  { name: 'a', version: 1, main: 'x' },
  { name: 'a', version: 1, effectiveAt: 'yesterday' },
];

async function classValidatorFindsNothing(entity: object): Promise<boolean> {
  return (await validate(entity, OPTIONS)).length === 0;
}

describe('passesEveryRule', () => {
  it('passes what class-validator passes, across conditions, IsDefined, each, nested objects and arrays, the whitelist and inherited rules', async () => {
    for (const body of validOrders) {
      const entity = plainToInstance(Order, body);
      expect({ body, full: await classValidatorFindsNothing(entity) }).toEqual({
        body,
        full: true,
      });
      expect({ body, fast: passesEveryRule(entity, OPTIONS) }).toEqual({ body, fast: true });
    }
  });

  it('never passes what class-validator refuses', async () => {
    for (const body of invalidOrders) {
      const entity = plainToInstance(Order, body);
      expect({ body, full: await classValidatorFindsNothing(entity) }).toEqual({
        body,
        full: false,
      });
      expect({ body, fast: passesEveryRule(entity, OPTIONS) }).toEqual({ body, fast: false });
    }
  });

  it('agrees with class-validator one way on random bodies: never passes what it refuses', async () => {
    const values: unknown[] = [
      undefined,
      null,
      '',
      'a',
      'high',
      'low',
      '2026-12-06',
      'x'.repeat(30),
      '\u0000',
      0,
      2,
      -1,
      1.5,
      true,
      [],
      ['a'],
      [1],
      [{ sku: 'a', quantity: 1 }],
      [{ sku: 'a', quantity: 0 }],
      { sku: 'a', quantity: 1 },
      { sku: 'a' },
      {},
    ];
    const keys = [
      'name',
      'version',
      'priority',
      'reason',
      'tags',
      'lines',
      'main',
      'note',
      'effectiveAt',
      'other',
    ];
    let seed = 12345;
    const random = (below: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % below;
    };
    let passed = 0;
    for (let round = 0; round < 3000; round++) {
      const body: Record<string, unknown> = {};
      for (const key of keys) if (random(3) > 0) body[key] = values[random(values.length)];
      if (random(2) === 0) body['name'] = 'n';
      if (random(2) === 0) body['version'] = 1;
      delete body[random(2) === 0 ? 'other' : 'none'];
      const entity = plainToInstance(Order, body);
      const fast = passesEveryRule(entity, OPTIONS);
      const full = await classValidatorFindsNothing(entity);
      if (fast) expect(full).toBe(true);
      if (full) expect(fast).toBe(true);
      if (fast) passed++;
    }
    expect(passed).toBeGreaterThan(20);
  });

  it('is not sure, and so leaves it to class-validator, for async rules, untyped nested values, classes without rules and options it does not mirror', () => {
    expect(passesEveryRule(plainToInstance(Looked, { code: 'a' }), OPTIONS)).toBe(false);
    expect(passesEveryRule(plainToInstance(Untyped, { line: { a: 1 } }), OPTIONS)).toBe(false);
    expect(passesEveryRule(plainToInstance(Bare, { name: 'a' }), OPTIONS)).toBe(false);
    const valid = plainToInstance(Order, validOrders[0]);
    expect(passesEveryRule(valid, { ...OPTIONS, groups: ['x'] })).toBe(false);
    expect(passesEveryRule(valid, { ...OPTIONS, skipMissingProperties: true })).toBe(false);
    expect(passesEveryRule(valid, { ...OPTIONS, forbidNonWhitelisted: false })).toBe(false);
    expect(passesEveryRule(valid, { ...OPTIONS, stopAtFirstError: true })).toBe(false);
  });

  it('sees a rule added to a class after it was first checked', () => {
    class Later {
      @IsString()
      name!: string;
      extra?: string;
    }
    const entity = plainToInstance(Later, { name: 'a', extra: 'b' });
    expect(passesEveryRule(entity, OPTIONS)).toBe(false);
    IsString()(Later.prototype, 'extra');
    expect(passesEveryRule(entity, OPTIONS)).toBe(true);
  });
});

describe('the validation pipe with the check', () => {
  const asBody: ArgumentMetadata = { type: 'body', metatype: Order };

  afterEach(() => jest.restoreAllMocks());

  it('answers a valid body without running class-validator, with the DTO class-transformer built', async () => {
    const classValidator = jest.spyOn(ValidationPipe.prototype as never, 'validate');
    const answer = await createValidationPipe().transform(
      { name: 'a', version: 1, lines: [{ sku: 's', quantity: 2 }] },
      asBody,
    );
    expect(classValidator).not.toHaveBeenCalled();
    expect(answer).toBeInstanceOf(Order);
    expect((answer as Order).lines?.[0]).toBeInstanceOf(Line);
    expect(answer).toEqual(
      plainToInstance(Order, { name: 'a', version: 1, lines: [{ sku: 's', quantity: 2 }] }),
    );
  });

  it("answers an invalid body with class-validator's own problems", async () => {
    const classValidator = jest.spyOn(ValidationPipe.prototype as never, 'validate');
    const refusal = await createValidationPipe()
      .transform({ name: 'a', version: 1, lines: [{ sku: 's', quantity: 0 }], extra: 1 }, asBody)
      .catch((error: unknown) => error);
    expect(classValidator).toHaveBeenCalledTimes(1);
    expect(refusal).toBeInstanceOf(RequestValidationError);
    expect((refusal as RequestValidationError).problems).toEqual([
      { field: 'extra', rule: 'whitelistValidation', message: 'property extra should not exist' },
      { field: 'lines[0].quantity', rule: 'min', message: 'quantity must not be less than 1' },
    ]);
  });
});
