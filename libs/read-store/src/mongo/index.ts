export { MongoReadStore } from './mongo.read-store';
export type { MongoReadStoreOptions } from './mongo.read-store';
