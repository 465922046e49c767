export * from './customer-survey.authority';
export * from './customer-survey.commands';
export * from './customer-survey.decider';
export * from './customer-survey.errors';
export * from './customer-survey.events';
export * from './customer-survey.state';
export * from './nps';
export * from './customer-survey.definition';
