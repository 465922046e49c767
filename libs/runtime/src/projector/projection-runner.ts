import type { ProjectionEngine } from '@ledger/projections';

/** Injection token: what runs the read models' projection in this process (see ProjectorModule). */
export const PROJECTION_RUNNER = Symbol('ProjectionRunner');

/**
 * The projection engine as the rest of the process sees it: its state, positions, waits and
 * rebuilds. The engine itself on the main thread (apps/projector, PROJECTOR_THREAD=main, or a
 * read store other than the embedded one), or a ProjectorWorker that runs the same engine in a
 * worker thread and mirrors it here from its messages.
 */
export type ProjectionRunner = Pick<
  ProjectionEngine,
  | 'failed'
  | 'state'
  | 'error'
  | 'degraded'
  | 'readModels'
  | 'collectionOf'
  | 'positions'
  | 'start'
  | 'stop'
  | 'waitForPosition'
  | 'rebuild'
>;
