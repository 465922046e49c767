import type { ReadFilter } from '@ledger/read-store';

/**
 * What every per-project read model's query starts from (handovers, acceptances, complaints,
 * CAPAs): the project the api has found, its program (from the project's summary) and the day
 * figures are judged on (YYYY-MM-DD).
 */
export interface ProjectReadQuery {
  readonly projectId: string;
  readonly programId: string;
  readonly asOf: string;
}

/**
 * The store filter for a project's documents whose `fields` (document paths) equal the values
 * asked for; a field not asked for (undefined) does not narrow.
 */
export function projectDocumentsFilter(
  projectId: string,
  fields: Readonly<Record<string, string | undefined>>,
): ReadFilter {
  const filter: Record<string, ReadFilter[string]> = { projectId };
  for (const [path, value] of Object.entries(fields)) if (value !== undefined) filter[path] = value;
  return filter;
}

/** What every per-project answer starts with, in this order: the project, its program, `asOf`. */
export function projectAnswerHead(query: ProjectReadQuery): ProjectReadQuery {
  return { projectId: query.projectId, programId: query.programId, asOf: query.asOf };
}
