import {
  assertSameCurrency,
  requireGrantingRole,
  type Actor,
  type Money,
  type Role,
} from '../shared';
import type { BaselineVersion } from './baseline';
import { projectErrors } from './project.errors';
import type { ExistingProject, ProjectState } from './project.state';

/** Roles that may take project management decisions (baseline, CR decision, closure...). */
export const PROJECT_DECISION_ROLES: readonly Role[] = ['project-manager', 'pmo', 'admin'];
/** Roles that may formally waive final acceptance. */
export const FINAL_ACCEPTANCE_WAIVER_ROLES: readonly Role[] = ['pmo', 'admin'];

export function requireExisting(state: ProjectState): ExistingProject {
  if (state.status === 'absent') throw projectErrors.notFound();
  return state;
}

export function requireActive(state: ProjectState): ExistingProject {
  const project = requireExisting(state);
  if (project.status === 'closed') throw projectErrors.closed(project.projectId);
  return project;
}

export function requireBaseline(project: ExistingProject): BaselineVersion {
  if (!project.baseline) throw projectErrors.baselineNotEstablished();
  return project.baseline.current;
}

/**
 * The authority recorded on a decision: the first of `allowed` (in that order of precedence)
 * that the actor holds. Refuses an actor holding none of them.
 */
export function authorityOf(actor: Actor, allowed: readonly Role[]): Role {
  return requireGrantingRole(actor, allowed, projectErrors.authorityRequired);
}

/** Execution (progress, actual cost) needs the Sell→Execute handover approved (conditionally or not). */
export function requireExecutionAuthorised(project: ExistingProject): void {
  if (!project.handovers.has('sell-to-execute')) throw projectErrors.executionNotAuthorised();
}

/** The project's currency: the baseline's, else the one its actual costs are recorded in. */
export function projectCurrency(project: ExistingProject): string | null {
  return project.baseline?.current.budget.currency ?? project.actualCostToDate?.currency ?? null;
}

export function assertProjectCurrency(project: ExistingProject, money: Money): void {
  const currency = projectCurrency(project);
  if (currency !== null) assertSameCurrency({ amount: 0, currency }, money);
}

/**
 * Structural equality of plain JSON-like data (key order ignored, undefined members = absent):
 * how "the same command again" is recognised for idempotent commands.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => sameData(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].every((key) => sameData(left[key], right[key]));
}
