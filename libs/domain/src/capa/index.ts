export * from './capa.authority';
export * from './capa.commands';
export * from './capa.decider';
export * from './capa.errors';
export * from './capa.events';
export * from './capa.state';
export * from './capa-effectiveness';
export * from './capa.definition';
