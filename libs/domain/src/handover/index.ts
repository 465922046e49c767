export * from './handover-roles';
export * from './handover.commands';
export * from './handover.decider';
export * from './handover.errors';
export * from './handover.events';
export * from './handover.state';
export * from './handover.definition';
