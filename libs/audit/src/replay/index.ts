export * from './json-state';
export * from './json-patch';
export * from './apply-json-patch';
export * from './bitemporal-replay';
export * from './state-timeline';
