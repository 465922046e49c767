import { projectErrors } from '@ledger/domain';
import type { FindOptions, ReadDocument, ReadFilter } from '@ledger/read-store';
import type { ReadContext } from '../read-route';
import type { ProjectReadQuery } from './project-read-query';
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

/** How a per-project read model lists a project's documents and answers from them. */
export interface ProjectDocumentsQuery<Query extends ProjectReadQuery, Document, Answer> {
  /** The read model whose position is served. */
  readonly readModel: string;
  readonly collection: string;
  /** The query of this read model: the project, its program and `asOf`, then its own filters. */
  readonly query: (project: ProjectReadQuery) => Query;
  readonly filter: (query: Query) => ReadFilter;
  readonly order?: FindOptions;
  readonly answerOf: (documents: readonly Document[], query: Query, served: number) => Answer;
}

/**
 * The whole answer of a per-project list (handovers, acceptances, complaints, CAPAs): the
 * project served as servedProject does, its documents found by the read model's filter and
 * order, and the read model's answer; `asOf` defaults to today.
 */
export async function projectDocumentsAnswer<Query extends ProjectReadQuery, Document, Answer>(
  reads: ReadContext,
  projectId: string,
  asOf: string | undefined,
  list: ProjectDocumentsQuery<Query, Document, Answer>,
): Promise<Answer> {
  const { project, position } = await servedProject(reads, projectId, list.readModel);
  const query = list.query({ projectId, programId: project.programId, asOf: asOf ?? reads.today });
  const documents = await reads.store.find<Document & ReadDocument>(
    list.collection,
    list.filter(query),
    list.order,
  );
  return list.answerOf(documents, query, position);
}
