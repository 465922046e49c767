export * from './upcaster-registry';
export * from './event-schemas';
export * from './upcasting.event-store';
