import type { JsonObject } from '@ledger/event-store';
import { contractStreamId, programStreamId, projectStreamId } from '@ledger/domain';
import type { BundleScope } from './evidence-bundle-lines';

/**
 * Decides, stream by stream in $all order, which streams a scope exports. A stream belongs by
 * the facts of the FIRST event the log holds for it (as ProgramScope decides access): its own
 * id, or the programId / projectId / contractId its creating event names. Projects and contracts
 * found inside the scope widen it, so a program's export includes its projects' children.
 * Memory: the ids of the member streams and of the projects and contracts inside the scope.
 */
export class BundleScopeMembership {
  private readonly decided = new Map<string, boolean>();
  private readonly projects = new Set<string>();
  private readonly contracts = new Set<string>();

  constructor(private readonly scope: BundleScope) {
    if ('projectId' in scope) this.projects.add(scope.projectId);
    if ('contractId' in scope) this.contracts.add(scope.contractId);
  }

  /**
   * Whether the stream of this event is exported (decided on the stream's first event). `data`
   * may be a function giving it: it is called for a stream's first event only, so a reader of
   * stored text parses one body per stream, not one per event.
   */
  includes(streamId: string, data: JsonObject | (() => JsonObject)): boolean {
    const known = this.decided.get(streamId);
    if (known !== undefined) return known;
    return this.decide(streamId, typeof data === 'function' ? data() : data);
  }

  private decide(streamId: string, data: JsonObject): boolean {
    const member = this.belongs(streamId, data);
    if (member) {
      // A contract's stream under the scope brings its children in (and a project's, its own).
      if (typeof data.projectId === 'string' && !('contractId' in this.scope))
        this.projects.add(data.projectId);
      if (typeof data.contractId === 'string') this.contracts.add(data.contractId);
    }
    this.decided.set(streamId, member);
    return member;
  }

  private belongs(streamId: string, data: JsonObject): boolean {
    const { programId, projectId, contractId } = data;
    if ('programId' in this.scope) {
      if (streamId === programStreamId(this.scope.programId)) return true;
      if (programId === this.scope.programId) return true;
    }
    if ('projectId' in this.scope && streamId === projectStreamId(this.scope.projectId))
      return true;
    if ('contractId' in this.scope && streamId === contractStreamId(this.scope.contractId))
      return true;
    if (typeof projectId === 'string' && this.projects.has(projectId)) return true;
    return typeof contractId === 'string' && this.contracts.has(contractId);
  }
}
