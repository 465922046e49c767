export type {
  AppliedMilestoneShift,
  BaselineContent,
  BaselineVersion,
  CostImpact,
  CssqImpact,
  Milestone,
  MilestoneShift,
  NoImpact,
  QualityCriterion,
  QualityImpact,
  ScheduleImpact,
  ScopeImpact,
  ScopeItem,
} from './baseline';
export * from './change-request.commands';
export * from './change-request.errors';
export * from './change-request.events';
export { CSSQ_DIMENSIONS } from './change-request.impact';
export * from './change-request.state';
export * from './earned-value';
export * from './execution.commands';
export * from './execution.errors';
export * from './execution.events';
export * from './execution.state';
export * from './project.commands';
export { decideProject, projectDecider } from './project.decider';
export * from './project.errors';
export * from './project.events';
export { FINAL_ACCEPTANCE_WAIVER_ROLES, PROJECT_DECISION_ROLES } from './project.guards';
export * from './project.state';
export * from './project.definition';
