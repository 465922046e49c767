export * from './webhook-subscription.authority';
export * from './webhook-subscription.commands';
export * from './webhook-subscription.decider';
export * from './webhook-subscription.errors';
export * from './webhook-subscription.events';
export * from './webhook-subscription.state';
export * from './webhook-subscription.definition';
export * from './webhook-url';
