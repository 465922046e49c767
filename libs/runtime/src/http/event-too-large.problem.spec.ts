import { EventTooLargeError, MAX_EVENT_BYTES } from '@ledger/event-store';
import { toProblem } from './problem-details.filter';

// Issue 13, item 7: an oversize event is 413 problem+json, not a 500.
describe('EventTooLargeError as a problem', () => {
  it('is 413 payload-too-large', () => {
    const problem = toProblem(
      new EventTooLargeError('project-1', 'e1', 2_000_000, MAX_EVENT_BYTES),
    );
    expect(problem).toMatchObject({
      status: 413,
      type: expect.stringMatching(/payload-too-large$/) as string,
    });
  });
});
