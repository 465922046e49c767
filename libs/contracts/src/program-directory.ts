import type { RecordedEvent } from '@ledger/event-store';
import type { PublicOwner } from './public-fact';

/**
 * Which program each project and contract belongs to, learnt from the log: ContractRegistered
 * and ProjectCreated name their program, and every later project- or contract-level event names
 * its project or contract. The program is the one the creating event names, as the HTTP api's
 * program scope (ProgramScope) takes it from a stream's first event: a token scoped to a program
 * receives on the feed exactly what it may query. Attaching or detaching a project afterwards
 * does not move it (the claim check does not either).
 *
 * Memory: one entry per project and contract (a few MB for the 200k-event history).
 */
export class ProgramDirectory {
  /** The only event types `learn` takes anything from (a warm-up may read these alone). */
  static readonly LEARNS_FROM: readonly string[] = ['ProjectCreated', 'ContractRegistered'];

  private readonly projects = new Map<string, string>();
  private readonly contracts = new Map<string, string>();

  /** Records what `event` says about ownership; any other event is ignored. */
  learn(event: RecordedEvent): void {
    if (event.type !== 'ProjectCreated' && event.type !== 'ContractRegistered') return;
    const { programId, projectId, contractId } = event.data;
    if (typeof programId !== 'string') return;
    if (event.type === 'ProjectCreated' && typeof projectId === 'string') {
      this.projects.set(projectId, programId);
    } else if (typeof contractId === 'string') {
      this.contracts.set(contractId, programId);
    }
  }

  /** The program of `owner`, or undefined when the directory has not seen its creation. */
  programOf(owner: PublicOwner): string | undefined {
    switch (owner.kind) {
      case 'program':
        return owner.id;
      case 'project':
        return this.projects.get(owner.id);
      case 'contract':
        return this.contracts.get(owner.id);
    }
  }
}
