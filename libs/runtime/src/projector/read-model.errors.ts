import { DomainError } from '@ledger/domain';

/** What the read-model operations routes refuse: one factory per case, each code written once. */
export const readModelErrors = {
  /**
   * No read model of that name. `known` lists the names there are, for the operator who asked
   * through the admin route (which passes the name it was given cut to 80 characters).
   */
  notFound: (name: string, known?: readonly string[]) =>
    new DomainError(
      'read-model-not-found',
      known === undefined
        ? `no read model "${name}"`
        : `no read model "${name}"; known: ${known.join(', ')}`,
      'not-found',
    ),
  rebuildAlreadyRunning: (name: string) =>
    new DomainError(
      'rebuild-already-running',
      `a rebuild of "${name}" is already running`,
      'conflict',
    ),
};
