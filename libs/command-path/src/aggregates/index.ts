export * from './program.aggregate';
