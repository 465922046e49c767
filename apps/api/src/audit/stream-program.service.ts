import { Injectable } from '@nestjs/common';
import { auditErrors } from '@ledger/audit';
import { AGGREGATES, PROGRAM_STREAM_CATEGORY, type AggregateName } from '@ledger/domain';
import { streamCategory } from '@ledger/event-store';
import { ProgramScope, type Principal } from '@ledger/runtime';

/**
 * Aggregates whose streams an auditor does not address by id: webhook subscriptions are the
 * delivery machinery itself, not a fact of a program's delivery.
 */
const NOT_ADDRESSED_BY_AUDITORS: ReadonlySet<AggregateName> = new Set<AggregateName>([
  'webhook-subscription',
]);

/**
 * The categories of the domain's streams: the only streams an auditor addresses by id. Taken
 * from AGGREGATES, so a new aggregate's streams are addressable without a line here (its first
 * event still has to name its program or project, else 404).
 */
const DOMAIN_STREAM_CATEGORIES: ReadonlySet<string> = new Set(
  AGGREGATES.filter(({ name }) => !NOT_ADDRESSED_BY_AUDITORS.has(name)).map((aggregate) =>
    streamCategory(aggregate.streamId('id')),
  ),
);

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
