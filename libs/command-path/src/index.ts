export * from './aggregate-definition';
export * from './command-context';
export * from './command-path.errors';
export * from './deterministic-uuid';
export * from './execute-command';
export * from './keyed-mutex';
export * from './upcaster-registry';
export * from './aggregates';
