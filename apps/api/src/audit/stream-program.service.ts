import { Injectable } from '@nestjs/common';
import { auditErrors } from '@ledger/audit';
import {
  ACCEPTANCE_STREAM_CATEGORY,
  CAPA_STREAM_CATEGORY,
  COMPLAINT_STREAM_CATEGORY,
  CONTRACT_STREAM_CATEGORY,
  EXPOSURE_HOURS_STREAM_CATEGORY,
  HANDOVER_STREAM_CATEGORY,
  PROGRAM_STREAM_CATEGORY,
  PROJECT_STREAM_CATEGORY,
  RISK_STREAM_CATEGORY,
  SAFETY_INCIDENT_STREAM_CATEGORY,
  SURVEY_STREAM_CATEGORY,
} from '@ledger/domain';
import { streamCategory } from '@ledger/event-store';
import { ProgramScope, type Principal } from '@ledger/runtime';

/** The categories of the domain's streams: the only streams an auditor addresses by id. */
const DOMAIN_STREAM_CATEGORIES: ReadonlySet<string> = new Set([
  PROGRAM_STREAM_CATEGORY,
  PROJECT_STREAM_CATEGORY,
  CONTRACT_STREAM_CATEGORY,
  RISK_STREAM_CATEGORY,
  HANDOVER_STREAM_CATEGORY,
  ACCEPTANCE_STREAM_CATEGORY,
  COMPLAINT_STREAM_CATEGORY,
  CAPA_STREAM_CATEGORY,
  SAFETY_INCIDENT_STREAM_CATEGORY,
  EXPOSURE_HOURS_STREAM_CATEGORY,
  SURVEY_STREAM_CATEGORY,
]);

/**
 * Holds a caller to the programs claim for a stream addressed by its id
 * (`GET /api/audit/streams/:streamId/...`). The stream's first event decides, as ProgramScope
 * does for projects and contracts: a program stream is its own program; a project's or
 * contract's creation names its program; every other domain stream's creation names its project,
 * whose program then decides. Unknown categories and empty streams are 404 stream-not-found
 * (not 403), so a caller learns nothing about streams outside the domain.
 */
@Injectable()
export class StreamProgram {
  constructor(private readonly scope: ProgramScope) {}

  async assertReadable(principal: Principal, streamId: string): Promise<void> {
    const category = streamCategory(streamId);
    if (!DOMAIN_STREAM_CATEGORIES.has(category)) throw auditErrors.streamNotFound(streamId);
    // Through ProgramScope's cache: a stream's first event never changes once written.
    const facts = await this.scope.factsOf(streamId);
    if (!facts) throw auditErrors.streamNotFound(streamId);
    if (category === PROGRAM_STREAM_CATEGORY) {
      this.scope.assertProgram(principal, streamId.slice(category.length + 1));
      return;
    }
    const { programId, projectId } = facts;
    if (typeof programId === 'string') this.scope.assertProgram(principal, programId);
    else if (typeof projectId === 'string') await this.scope.assertProject(principal, projectId);
    // A domain stream that names neither cannot be placed in a program: refuse as unknown.
    else throw auditErrors.streamNotFound(streamId);
  }
}
