export * from './complaint.authority';
export * from './complaint.commands';
export * from './complaint.decider';
export * from './complaint.errors';
export * from './complaint.events';
export * from './complaint.state';
export * from './complaint-priority';
export * from './complaint.definition';
