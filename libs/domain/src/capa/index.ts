export * from './capa.authority';
export * from './capa.commands';
export * from './capa.decider';
export * from './capa.errors';
export * from './capa.events';
export * from './capa.state';
export * from './capa.stream';
export * from './capa-effectiveness';
