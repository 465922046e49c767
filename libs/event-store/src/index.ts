/**
 * @ledger/event-store: the event log's port, its shared rules (envelope, hash chain, limits,
 * upcasting, the consumer loop) and the embedded SQLite adapter. The KurrentDB adapter is its own
 * entry, @ledger/event-store-kurrentdb, so a process that never talks to KurrentDB (the embedded
 * default's checkpoint writer thread, the `ledger` CLI on a file) never loads its gRPC client
 * (~25 MiB of a thread's memory).
 */
export * from './expected-revision';
export * from './event-envelope';
export * from './event-store.errors';
export * from './event-limits';
export * from './event-store.port';
export * from './canonical-json';
export * from './hash-chain';
export * from './log-hashes';
export * from './stored-event-text';
export * from './stored-event-json';
export * from './checkpoints';
export * from './retry-backoff';
export * from './system-iso-clock';
export * from './sqlite';
export * from './upcasting';
export * from './consumer';
