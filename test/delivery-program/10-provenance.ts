import { verifyChain } from '@ledger/event-store';
import type { ScenarioWorld } from './support';

export function provenance(w: ScenarioWorld): void {
  const { touched, caused, eventsOf } = w;

  it('12. every stream touched has an intact hash chain, and every event names the person whose request caused it', async () => {
    expect([...touched].map((streamId) => streamId.split('-')[0]).sort()).toEqual([
      'acceptance',
      'capa',
      'complaint',
      'contract',
      'exposure',
      'handover',
      'handover',
      'incident',
      'program',
      'project',
      'risk',
      'risk',
    ]);
    for (const streamId of touched) {
      const events = await eventsOf(streamId);
      expect({ streamId, chain: verifyChain(events) }).toMatchObject({
        streamId,
        chain: { ok: true, verified: events.length },
      });
      // Each event belongs to the first accepted request that ended at or after its revision.
      const ends = caused
        .filter((entry) => entry.streamId === streamId)
        .sort((a, b) => a.revision - b.revision);
      expect({ streamId, actors: events.map((event) => event.metadata.actor.sub) }).toEqual({
        streamId,
        actors: events.map((event) => ends.find((entry) => entry.revision >= event.revision)?.sub),
      });
    }

    // Spot checks, by name: who decided what on the main streams.
    const actorOf = async (streamId: string, type: string) =>
      (await eventsOf(streamId)).find((event) => event.type === type)?.metadata.actor.sub;
    expect(await actorOf(w.program, 'ProgramCreated')).toBe('paula');
    expect(await actorOf(w.program, 'ProjectAttachedToProgram')).toBe('paula');
    expect(await actorOf(w.program, 'ProgramClosed')).toBe('paula');
    expect(await actorOf(w.contract, 'ContractRegistered')).toBe('sam');
    expect(await actorOf(w.contract, 'ContractAmended')).toBe('carla');
    expect(await actorOf(w.contract, 'ObligationFulfilled')).toBe('carla');
    expect(await actorOf(w.project, 'ChangeRequestDecided')).toBe('bob');
    expect(await actorOf(w.project, 'BaselineRevised')).toBe('bob');
    expect(await actorOf(w.project, 'ActualCostRecorded')).toBe('erp-bridge');
    expect(await actorOf(w.project, 'ProjectClosed')).toBe('carla');
  });
}
