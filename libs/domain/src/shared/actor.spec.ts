import { actorFromRecord, isRole } from './actor';

describe('the one Actor type', () => {
  it('knows the roles a token may carry, and nothing else', () => {
    expect(isRole('pmo')).toBe(true);
    expect(isRole('janitor')).toBe(false);
  });

  it('a recorded actor re-drives a command with the roles this build knows', () => {
    expect(actorFromRecord({ sub: 'u-1', roles: ['pmo', 'retired-role', 'care'] })).toEqual({
      sub: 'u-1',
      roles: ['pmo', 'care'],
    });
  });
});
