/**
 * @ledger/runtime: what every process of ours runs on (the api, apps/projector, the `ledger`
 * CLI, the benchmarks): the environment, the stores and their Nest modules, the projector and
 * reactor, auth, the HTTP pipeline with its problem+json answers, logging and health.
 */
export * from './config/environment';
export * from './event-store/event-store.module';
export * from './event-store/open-event-store';
export * from './read-store/open-read-store';
export * from './read-store/read-progress';
export * from './read-store/read-positions.service';
export * from './read-store/read-store.module';
export * from './sqlite/wal-checkpoint-mode';
export * from './sqlite/wal-checkpoint-thread';
export * from './sqlite/wal-checkpoints.module';
export * from './projector/projector.module';
export * from './projector/read-model-rebuilds.service';
export * from './projector/read-models-admin.controller';
export * from './auth/auth.decorators';
export * from './auth/auth.errors';
export * from './auth/auth.guard';
export * from './auth/auth.module';
export * from './auth/mint-token';
export * from './auth/principal';
export * from './auth/program-access';
export * from './auth/signing-secret';
export * from './audit/ledger-signing-key';
export * from './audit/log-checkpointer-thread';
export * from './audit/running-log-checkpointer';
export * from './auth/token-limits';
export * from './auth/token-verifier';
export * from './scope/program-scope.service';
export * from './scope/scoped-by.decorator';
export * from './http/array-bounds';
export * from './http/correlation-id';
export * from './http/create-http-app';
export * from './http/framework-errors';
export * from './http/id-param.pipe';
export * from './http/json-body-parser';
export * from './http/openapi-document';
export * from './http/problem-details';
export * from './http/problem-details.filter';
export * from './http/rate-limit';
export * from './http/request-validation';
export * from './http/resource-id';
export * from './logging/pino-logger.module';
export * from './logging/start-up-logger';
export * from './health/health-report';
export * from './health/health.module';
export * from './health/health.controller';
export * from './health/event-store.health';
export * from './health/read-store.health';
export * from './health/public-events.health';
export * from './health/checkpoints.health';
export * from './webhooks';
export * from './public-events';
