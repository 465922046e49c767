export * from './risk-scoring';
export * from './risk.commands';
export * from './risk.decider';
export * from './risk.errors';
export * from './risk.events';
export * from './risk.state';
export * from './risk.vocabulary';
export * from './risk.definition';
