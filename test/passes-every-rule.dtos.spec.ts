import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, type ValidatorOptions } from 'class-validator';
import { passesEveryRule } from '@ledger/runtime';
// Loads every controller, so every DTO class of the api registers its rules.
import '../apps/api/src/app.module';

const OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

/** Values a field of some DTO accepts or refuses: text, dates, money, ids, numbers, arrays, objects. */
const VALUES: unknown[] = [
  undefined,
  null,
  '',
  'a',
  'Alpha beta',
  '2026-03-10T09:00:00Z',
  '2026-03-10',
  'EUR',
  '100.00',
  'pmo',
  'high',
  'x'.repeat(300),
  '\u0000',
  '00000000-0000-4000-8000-000000000000',
  0,
  1,
  2,
  5,
  -1,
  1.5,
  true,
  false,
  [],
  ['a'],
  [1],
  [{}],
  {},
  { amount: '1.00', currency: 'EUR' },
];

describe("passesEveryRule on the api's DTO classes", () => {
  it('passes exactly the random bodies class-validator passes, for every DTO class', async () => {
    // Every class with rules; class-validator keeps them by class (no public listing).
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<unknown, unknown>;
    };
    const classes = [...storage.validationMetadatas.keys()].filter(
      (key): key is new () => object => typeof key === 'function',
    );
    expect(classes.length).toBeGreaterThan(50);
    let seed = 7;
    const random = (below: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % below;
    };
    let passed = 0;
    for (const dto of classes) {
      const fields = [
        ...new Set(
          getMetadataStorage()
            .getTargetValidationMetadatas(dto, '', false, false)
            .map((rule) => rule.propertyName),
        ),
      ];
      for (let round = 0; round < 300; round++) {
        const body: Record<string, unknown> = {};
        for (const field of fields) if (random(4) > 0) body[field] = VALUES[random(VALUES.length)];
        if (random(10) === 0) body['unknownField'] = 1;
        const entity = plainToInstance(dto, body);
        const full = (await validate(entity, OPTIONS)).length === 0;
        const passes = passesEveryRule(entity, OPTIONS);
        // Named on failure: the class and the body they disagree on.
        if (passes !== full)
          expect({ dto: dto.name, body, passes }).toEqual({ dto: dto.name, body, passes: full });
        if (full) passed++;
      }
    }
    // Enough valid bodies that the check's "passes" side was exercised too.
    expect(passed).toBeGreaterThan(1000);
  });
});
