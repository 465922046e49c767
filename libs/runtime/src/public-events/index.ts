export * from './kurrentdb-public-events-writer';
export * from './public-events-writer-for';
