import { Inject, Injectable } from '@nestjs/common';
import {
  contractErrors,
  contractStreamId,
  projectErrors,
  projectStreamId,
  type DomainError,
} from '@ledger/domain';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { assertProgramAccess } from '../auth/program-access';
import type { Principal } from '../auth/principal';

const CACHE_LIMIT = 50_000;

/**
 * Answers "which program does this belong to?" so that every route can hold the caller to its
 * token's programs claim. The answer comes from the first event of the stream (a project's or
 * contract's creation names its program; a risk's, handover's… names its project), which never
 * changes once written, so it is cached.
 */
@Injectable()
export class ProgramScope {
  private readonly firstEventFacts = new Map<
    string,
    { programId?: string; projectId?: string } | null
  >();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  assertProgram(principal: Principal, programId: string): void {
    assertProgramAccess(principal, programId);
  }

  /** The project exists and its program is in the caller's claim; returns that program's id. */
  async assertProject(principal: Principal, projectId: string): Promise<string> {
    const facts = await this.factsOf(projectStreamId(projectId));
    if (!facts?.programId) throw projectErrors.notFoundById(projectId);
    assertProgramAccess(principal, facts.programId);
    return facts.programId;
  }

  async assertContract(principal: Principal, contractId: string): Promise<string> {
    const facts = await this.factsOf(contractStreamId(contractId));
    if (!facts?.programId) throw contractErrors.notFoundById(contractId);
    assertProgramAccess(principal, facts.programId);
    return facts.programId;
  }

  /**
   * A project's child (risk, handover, acceptance…) is addressed under its project's route: it
   * must belong to that project, or the route would be a way round the programs claim. A stream
   * that does not exist yet passes (its creating command names the project itself). The child's
   * own error factory says what is missing (e.g. `capaErrors.notInProject`).
   */
  async assertBelongsToProject(
    streamId: string,
    projectId: string,
    notInProject: (projectId: string) => DomainError,
  ): Promise<void> {
    const facts = await this.factsOf(streamId);
    if (facts !== null && facts.projectId !== projectId) throw notInProject(projectId);
  }

  /**
   * The program and project named by a stream's first event, or null while the stream is empty.
   * Public so that every lookup by a stream's first event (e.g. the audit routes' StreamProgram)
   * shares this one bounded cache rather than reading the store on each request.
   */
  async factsOf(streamId: string): Promise<{ programId?: string; projectId?: string } | null> {
    const cached = this.firstEventFacts.get(streamId);
    if (cached) return cached;
    const [first] = await this.store.readStream(streamId, { maxCount: 1 });
    if (!first) return null; // not cached: the stream may be created a moment later
    const { programId, projectId } = first.data;
    const facts = {
      ...(typeof programId === 'string' ? { programId } : {}),
      ...(typeof projectId === 'string' ? { projectId } : {}),
    };
    if (this.firstEventFacts.size >= CACHE_LIMIT) this.firstEventFacts.clear();
    this.firstEventFacts.set(streamId, facts);
    return facts;
  }
}
