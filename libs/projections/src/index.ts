export * from './projection';
export * from './projection.errors';
export * from './projection-engine';
