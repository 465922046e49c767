import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { projectErrors } from '@ledger/domain';
import {
  PROJECT_SUMMARIES,
  projectSummaryProjection,
  type ProjectSummary,
} from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import { type Principal, ProgramScope, type ReadConsistency, ReadPositions } from '@ledger/runtime';

/**
 * The first steps of a read model served per project whose events carry only the project id
 * (handovers, acceptances, complaints, CAPAs): the project and its program come from the
 * project summaries, so both read models are waited for; unknown project → 404, a program
 * outside the caller's claim → 403. Answers the project and the position served.
 */
@Injectable()
export class ProjectReads {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly positions: ReadPositions,
    private readonly scope: ProgramScope,
  ) {}

  async serve(
    projectId: string,
    readModel: string,
    query: ReadConsistency,
    reply: FastifyReply,
    principal: Principal,
  ): Promise<{ readonly project: ProjectSummary; readonly position: number }> {
    await this.positions.serve(projectSummaryProjection.name, query, reply);
    const position = await this.positions.serve(readModel, query, reply);
    const project = await this.store.get<ProjectSummary>(PROJECT_SUMMARIES, projectId);
    if (!project) {
      throw projectErrors.notFoundById(projectId);
    }
    this.scope.assertProgram(principal, project.programId);
    return { project, position };
  }
}

/** The default `asOf` of query-time figures: today, UTC (`YYYY-MM-DD`). */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
