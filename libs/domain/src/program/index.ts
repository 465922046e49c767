export * from './program.commands';
export * from './program.decider';
export * from './program.errors';
export * from './program.events';
export * from './program.state';
export * from './program.upcasters';
export * from './program.definition';
