export * from './actor';
export * from './branded-id';
export * from './decider';
export * from './domain-error';
export * from './message';
export * from './money';
