import { getMetadataStorage, IsInt, IsString, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

describe('cacheValidationMetadata', () => {
  it('computes the rules of a class once, and validation answers as before', () => {
    class Named {
      @IsString()
      name!: unknown;
    }
    // The global storage holds the rules; a spy shows how often they are computed.
    const real = getMetadataStorage();
    const computed = jest.spyOn(real, 'getTargetValidationMetadatas');
    cacheValidationMetadata(real);
    const bad = Object.assign(new Named(), { name: 3 });
    const good = Object.assign(new Named(), { name: 'x' });
    expect(validateSync(bad).map((error) => error.property)).toEqual(['name']);
    expect(validateSync(good)).toEqual([]);
    expect(validateSync(bad).map((error) => error.property)).toEqual(['name']);
    expect(computed).toHaveBeenCalledTimes(1);
  });

  it('a class decorated after the memo was filled is validated by its own rules', () => {
    cacheValidationMetadata();
    class First {
      @IsString()
      name!: unknown;
    }
    expect(validateSync(Object.assign(new First(), { name: 1 }))).toHaveLength(1);
    class Later {
      @IsInt()
      count!: unknown;
    }
    expect(validateSync(Object.assign(new Later(), { count: 'x' })).map((e) => e.property)).toEqual(
      ['count'],
    );
    expect(validateSync(Object.assign(new Later(), { count: 2 }))).toEqual([]);
  });
});
