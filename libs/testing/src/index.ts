export * from './decider-spec';
export * from './projection-spec';
export * from './command-builder';
export * from './until';
export * from './item-recorded';
