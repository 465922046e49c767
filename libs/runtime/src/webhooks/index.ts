export * from './log-head-watcher';
export * from './webhook-delivery-failures';
export * from './webhook-dispatcher';
export * from './webhook-secret-key';
export * from './webhook-secret-key.module';
export * from './webhook-secrets';
export * from './webhook-sender';
export * from './webhook-subscription-registry';
