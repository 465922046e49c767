import { requireGrantingRole, type Actor, type Role } from '../shared';
import { customerSurveyErrors } from './customer-survey.errors';

/**
 * Who may do what with a survey, in order of preference (the first role the actor holds is
 * recorded as `authority`). The CPM or the PMO issue and close surveys; responses also come in
 * from the CRM/survey tool integration.
 */
export const SURVEY_ROLES = {
  manage: ['project-manager', 'pmo'],
  respond: ['project-manager', 'pmo', 'care', 'integration'],
} as const satisfies Record<string, readonly Role[]>;

export function surveyAuthority(actor: Actor, granting: readonly Role[]): Role {
  return requireGrantingRole(actor, granting, customerSurveyErrors.roleRequired);
}
