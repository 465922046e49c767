import type { KeyObject } from 'node:crypto';
import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { auditErrors, LogVerifier } from '@ledger/audit';
import {
  CHECKPOINT_STORE,
  EVENT_STORE,
  type CheckpointStore,
  type EventStore,
} from '@ledger/event-store';
import type { Environment } from '@ledger/runtime';
import { AUDIT_PUBLIC_KEY } from './audit-public-key';

export const LOG_VERIFIER = Symbol('LogVerifier');

/** An empty checkpoint store for adapters without one: the chains and the tree still verify. */
const NO_CHECKPOINTS: CheckpointStore = {
  append: () =>
    Promise.reject(auditErrors.checkpointsNotKept()),
  latest: () => Promise.resolve(undefined),
  list: () => Promise.resolve([]),
  atOrAfter: () => Promise.resolve(undefined),
  close: () => Promise.resolve(),
};

export const logVerifierProvider: Provider = {
  provide: LOG_VERIFIER,
  inject: [EVENT_STORE, CHECKPOINT_STORE, AUDIT_PUBLIC_KEY, ConfigService],
  useFactory: (
    eventStore: EventStore,
    checkpoints: CheckpointStore | null,
    publicKey: KeyObject,
    config: ConfigService<Environment, true>,
  ) =>
    new LogVerifier({
      eventStore,
      checkpoints: checkpoints ?? NO_CHECKPOINTS,
      publicKey,
      // SQLite numbers positions 1, 2, 3… with no gap, so a deleted row is located exactly.
      densePositions: config.get('EVENT_STORE', { infer: true }) === 'sqlite',
    }),
};
