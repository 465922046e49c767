export * from './consumer-handler';
export * from './checkpointed-consumer';
export * from './subscription-ended.error';
