import { auditErrors } from './audit.errors';

describe('auditErrors', () => {
  it.each([
    [auditErrors.streamNotFound('project-x'), 'stream-not-found', 'no stream project-x'],
    [auditErrors.checkpointNotFound(7), 'checkpoint-not-found', 'no signed checkpoint of size 7'],
    [auditErrors.eventNotFound(12), 'event-not-found', 'no event at position 12'],
  ])('names what is missing: %#', (error, code, message) => {
    expect(error).toMatchObject({ code, message, kind: 'not-found' });
  });

  it('cuts a verification id to 40 characters and says jobs live in memory', () => {
    expect(auditErrors.verificationNotFound('v'.repeat(100))).toMatchObject({
      code: 'verification-not-found',
      message: `no verification ${'v'.repeat(40)} (jobs are kept in memory; a restart forgets them)`,
      kind: 'not-found',
    });
  });

  it('says which leaf an uncovered event is and when the checkpointer signs', () => {
    expect(auditErrors.noCheckpointCoversEvent(30, 4)).toMatchObject({
      code: 'no-checkpoint-covers-event',
      message: expect.stringMatching(
        /^no signed checkpoint covers position 30 yet \(it is leaf 4\)/,
      ),
      kind: 'not-found',
    });
  });
});
