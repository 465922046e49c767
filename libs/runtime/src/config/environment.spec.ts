import { validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('gives the embedded defaults on a bare machine', () => {
    expect(validateEnvironment({})).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      EVENT_STORE: 'sqlite',
      READ_STORE: 'embedded',
      LOG_LEVEL: 'info',
      JWT_MAX_LIFETIME_SECONDS: 86400,
      JWT_CLOCK_SKEW_SECONDS: 60,
      CHECKPOINT_EVERY_EVENTS: 1000,
      CHECKPOINT_EVERY_SECONDS: 10,
    });
  });

  it('reads the token lifetime and clock skew bounds', () => {
    expect(
      validateEnvironment({ JWT_MAX_LIFETIME_SECONDS: '3600', JWT_CLOCK_SKEW_SECONDS: '0' }),
    ).toMatchObject({ JWT_MAX_LIFETIME_SECONDS: 3600, JWT_CLOCK_SKEW_SECONDS: 0 });
  });

  it('reads numbers from strings', () => {
    expect(validateEnvironment({ PORT: '8080', BODY_LIMIT_BYTES: '2048' })).toMatchObject({
      PORT: 8080,
      BODY_LIMIT_BYTES: 2048,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ EVENT_STORE: 'postgres' }, 'EVENT_STORE'],
    [{ EVENT_STORE: 'kurrentdb' }, 'KURRENTDB_URL'],
    [{ READ_STORE: 'mongodb' }, 'MONGODB_URI'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ BODY_LIMIT_BYTES: '10' }, 'BODY_LIMIT_BYTES'],
    [{ JWT_MAX_LIFETIME_SECONDS: '1e300' }, 'JWT_MAX_LIFETIME_SECONDS'],
    [{ JWT_MAX_LIFETIME_SECONDS: '31536000' }, 'JWT_MAX_LIFETIME_SECONDS'],
    [{ JWT_CLOCK_SKEW_SECONDS: '-5' }, 'JWT_CLOCK_SKEW_SECONDS'],
    [{ JWT_CLOCK_SKEW_SECONDS: '3600' }, 'JWT_CLOCK_SKEW_SECONDS'],
    [{ CHECKPOINT_EVERY_EVENTS: '0' }, 'CHECKPOINT_EVERY_EVENTS'],
    [{ CHECKPOINT_EVERY_EVENTS: 'often' }, 'CHECKPOINT_EVERY_EVENTS'],
    [{ CHECKPOINT_EVERY_SECONDS: '0' }, 'CHECKPOINT_EVERY_SECONDS'],
    [{ CHECKPOINT_EVERY_SECONDS: '100000' }, 'CHECKPOINT_EVERY_SECONDS'],
    [{ LEDGER_SIGNING_KEY: '' }, 'LEDGER_SIGNING_KEY'],
  ])('stops with a message naming the bad variable: %j', (env, name) => {
    expect(() => validateEnvironment(env)).toThrow(
      new RegExp(`Invalid configuration:[\\s\\S]*${name}`),
    );
  });
});
