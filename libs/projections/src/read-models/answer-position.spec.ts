import { answerPosition } from './answer-position';

describe('answerPosition', () => {
  it('is the served position when no document is newer', () => {
    expect(answerPosition(40, [{ position: 12 }, { position: 40 }])).toBe(40);
  });

  it('is raised to the newest document the answer was built from', () => {
    expect(answerPosition(40, [{ position: 12 }, { position: 57 }, { position: 41 }])).toBe(57);
  });

  it('is the served position for an empty answer', () => {
    expect(answerPosition(7, [])).toBe(7);
  });

  // Spreading this many positions into Math.max overflows the call stack.
  it('answers for 200,000 documents without a RangeError', () => {
    const documents = Array.from({ length: 200_000 }, (_, index) => ({ position: index + 1 }));
    expect(answerPosition(5, documents)).toBe(200_000);
  });
});
