import { projectErrors } from '@ledger/domain';
import type { ReadContext } from '../read-route';
import {
  PROJECT_SUMMARIES,
  projectSummaryProjection,
  type ProjectSummary,
} from './project-summary/project-summary.projection';

/**
 * The first steps of a read model served per project whose events carry only the project id
 * (handovers, acceptances, complaints, CAPAs, safety): the project and its program come from
 * the project summaries, so both read models are waited for; unknown project → 404, a program
 * outside the caller's claim → 403. Answers the project and the position served (`readModel`'s).
 */
export async function servedProject(
  reads: ReadContext,
  projectId: string,
  readModel: string,
): Promise<{ readonly project: ProjectSummary; readonly position: number }> {
  await reads.served(projectSummaryProjection.name);
  const position = await reads.served(readModel);
  const project = await reads.store.get<ProjectSummary>(PROJECT_SUMMARIES, projectId);
  if (!project) throw projectErrors.notFoundById(projectId);
  reads.assertProgram(project.programId);
  return { project, position };
}
