import { duplicatesIn } from './duplicates';

describe('duplicatesIn', () => {
  it('lists each duplicated value once, in the order its repeat appears', () => {
    expect(duplicatesIn(['a', 'b', 'b', 'a', 'a', 'c'])).toEqual(['b', 'a']);
  });
  it('finds nothing in a list without repeats', () => {
    expect(duplicatesIn(['a', 'b'])).toEqual([]);
  });
});
