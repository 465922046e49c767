import { readModelErrors } from './read-model.errors';

describe('readModelErrors', () => {
  it('names the missing read model, with the known ones when given', () => {
    expect(readModelErrors.notFound('nope')).toMatchObject({
      code: 'read-model-not-found',
      message: 'no read model "nope"',
      kind: 'not-found',
    });
    expect(readModelErrors.notFound('nope', ['risk_register', 'capa_log'])).toMatchObject({
      message: 'no read model "nope"; known: risk_register, capa_log',
    });
  });

  it('refuses a second rebuild of the same read model as a conflict', () => {
    expect(readModelErrors.rebuildAlreadyRunning('capa_log')).toMatchObject({
      code: 'rebuild-already-running',
      message: 'a rebuild of "capa_log" is already running',
      kind: 'conflict',
    });
  });
});
