/**
 * How hard the reliability tests push. `npm test` (CI) runs the short profile, which keeps the
 * whole folder to a couple of minutes on a shared 2-core machine; `npm run test:soak` sets
 * SOAK=1 for the long one. Individual figures can be overridden for an experiment, e.g.
 * `RELIABILITY_COMMANDS=20000 RELIABILITY_KILLS=10 npx jest test/reliability/crash-durability`.
 */
export const SOAK = process.env.SOAK === '1';

const fromEnv = (name: string, fallback: number): number => {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
};

export const PROFILE = {
  name: SOAK ? 'soak' : 'ci',
  /** Crash durability: commands driven after set-up, api SIGKILLs, concurrent clients, projects. */
  crash: {
    commands: fromEnv('RELIABILITY_COMMANDS', SOAK ? 20_000 : 1_500),
    kills: fromEnv('RELIABILITY_KILLS', SOAK ? 10 : 3),
    clients: 16,
    projects: SOAK ? 12 : 6,
  },
  /** Projector crash: commands driven, projector SIGKILLs, clients, projects (per read store). */
  projector: {
    commands: fromEnv('RELIABILITY_PROJECTOR_COMMANDS', SOAK ? 8_000 : 800),
    kills: fromEnv('RELIABILITY_PROJECTOR_KILLS', SOAK ? 10 : 3),
    clients: 8,
    projects: SOAK ? 8 : 4,
  },
  /** Conflict storm: clients on one project, commands each. */
  storm: {
    clients: 32,
    commandsPerClient: fromEnv('RELIABILITY_STORM_COMMANDS', SOAK ? 200 : 25),
  },
};

/** A deadline for a whole test: only there to stop a hung run, never a performance bound. */
export const TEST_DEADLINE_MS = SOAK ? 3_600_000 : 600_000;
