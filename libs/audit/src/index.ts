/**
 * @ledger/audit: proof that the log is whole and unaltered (P10), pure TypeScript over the
 * event-store ports: the RFC 9162 Merkle tree over the event hashes, Ed25519-signed
 * checkpoints, the checkpointer that records them, and whole-log / per-stream verification.
 * Replay (issue 10 §1): bitemporal folds, state timelines and RFC 6902 patches between states.
 */
export * from './merkle-tree';
export * from './tree-tile-builder';
export * from './signed-checkpoint';
export * from './verification-problem';
export * from './stream-chain-check';
export * from './event-log-leaves';
export * from './log-verifier';
export * from './log-checkpointer';
export * from './replay';
export * from './evidence-bundle';
export * from './audit.errors';
export * from './tree-tile-backfill';
