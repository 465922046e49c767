export * from './webhook-delivery-failures';
export * from './webhook-dispatcher';
export * from './webhook-secrets';
export * from './webhook-sender';
export * from './webhook-subscription-registry';
