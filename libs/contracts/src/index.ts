/**
 * @ledger/contracts: the public contract for downstream systems (ARCHITECTURE.md P11): versioned
 * integration event types mapped from internal events, their JSON Schemas, the CloudEvents
 * envelope and the AsyncAPI document. Pure: no Nest, no I/O.
 */
export * from './public-event-types';
export type { PublicFact, PublicOwner } from './public-fact';
export { publicFactOf } from './mappers/internal-event-mappers';
export { MAPPED_EVENT_TYPES } from './mappers/mapped-event-types';
export { ProgramDirectory } from './program-directory';
export * from './cloud-event';
export { PublicEventMapper } from './public-event-mapper';
export type { JsonSchema } from './json-schema';
export { CLOUD_EVENT_ENVELOPE_SCHEMA, PUBLIC_EVENT_SCHEMAS } from './schema-registry';
export { schemaIncompatibilities } from './schema-compatibility';
export { buildAsyncApiDocument, type AsyncApiDocument } from './asyncapi-document';
export * from './webhooks/standard-webhook-signature';
