export * from './shared';
export * from './program';
