export * from './projection';
export * from './projection.errors';
export * from './projection-engine';
export * from './read-models/project-summary.projection';
export * from './read-models/cssq-history.projection';
export * from './read-models/read-models';
