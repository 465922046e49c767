import { auditErrors } from './audit.errors';

describe('auditErrors', () => {
  it.each([
    [auditErrors.streamNotFound('project-x'), 'stream-not-found', 'no stream project-x'],
    [auditErrors.checkpointNotFound(7), 'checkpoint-not-found', 'no signed checkpoint of size 7'],
    [auditErrors.eventNotFound(12), 'event-not-found', 'no event at position 12'],
    [
      auditErrors.checkpointsNotKept(),
      'checkpoints-not-kept',
      'no checkpoint store is configured: nothing is signed',
    ],
    [auditErrors.noCheckpoint('nothing signed yet'), 'no-checkpoint', 'nothing signed yet'],
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

  it.each([
    [
      auditErrors.checkpointDoesNotCoverEvent(4, 9, 5),
      'checkpoint-does-not-cover-event',
      'checkpoint 4 covers leaves 0..3; position 9 is leaf 5',
    ],
    [
      auditErrors.consistencyOrder(8, 3),
      'consistency-order',
      'from (8) must not be larger than to (3)',
    ],
    [
      auditErrors.diffMomentAmbiguous('from'),
      'diff-moment-ambiguous',
      'give from or fromRevision, not both',
    ],
  ])('refuses a request that breaks a rule: %#', (error, code, message) => {
    expect(error).toMatchObject({ code, message, kind: 'rule-violated' });
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
