import { eur, type ScenarioWorld } from './support';

export function programAndContract(w: ScenarioWorld): void {
  const { created, eventsOf, appendedSince, typesAppendedSince, lastOf } = w;

  // ---- the program ---------------------------------------------------------------------------

  it('1. PMO creates the program; sales registers the contract and its acceptance obligation (LD remedy); PMO creates the project, which the program attaches', async () => {
    const createdProgram = await created(
      '/api/programs',
      {
        name: 'RAN modernisation, region North',
        customerId: 'cust-nordtel',
        customerName: 'Nordic Telco AB',
        managerId: 'carla',
      },
      'paula',
    );
    w.programId = createdProgram.id!;
    w.program = createdProgram.streamId;
    expect(w.program).toBe(`program-${w.programId}`);
    expect(await eventsOf(w.program)).toMatchObject([
      {
        type: 'ProgramCreated',
        data: { programId: w.programId, managerId: 'carla', createdBy: 'paula' },
        metadata: { actor: { sub: 'paula', roles: ['pmo'] } },
      },
    ]);

    const contractBody = {
      programId: w.programId,
      customerId: 'cust-nordtel',
      title: 'North RAN modernisation: supply, install, integrate',
      value: eur(240_000_000),
      signedOn: '2024-09-16',
    };
    const registered = await created('/api/contracts', contractBody, 'sam');
    w.contractId = registered.id!;
    w.contract = registered.streamId;
    expect(await eventsOf(w.contract)).toMatchObject([
      {
        type: 'ContractRegistered',
        data: {
          contractId: w.contractId,
          ...contractBody,
          registeredBy: 'sam',
          authority: 'sales',
        },
      },
    ]);

    const ldRemedy = {
      kind: 'liquidated-damages',
      ratePerWeekPct: 0.5,
      capPct: 10,
      graceDays: 7,
    };
    const obligation = await created(
      `/api/contracts/${w.contractId}/obligations`,
      {
        kind: 'acceptance',
        title: 'Provisional acceptance of the North RAN cluster',
        dueOn: '2025-09-30',
        evidenceRule: 'PAC signed by the customer',
        remedy: ldRemedy,
      },
      'sam',
    );
    w.obligationId = obligation.id!;
    expect(await typesAppendedSince(w.contract, 0)).toEqual(['ObligationRegistered']);
    expect((await lastOf(w.contract)).data).toMatchObject({
      obligationId: w.obligationId,
      kind: 'acceptance',
      dueOn: '2025-09-30',
      remedy: ldRemedy,
      registeredBy: 'sam',
      authority: 'sales',
    });

    const createdProject = await created(
      '/api/projects',
      { programId: w.programId, contractId: w.contractId, name: 'North RAN cluster swap' },
      'paula',
    );
    w.projectId = createdProject.id!;
    w.project = createdProject.streamId;
    w.projectUrl = `/api/projects/${w.projectId}`;
    expect(createdProject.followUps).toEqual([
      {
        reaction: 'program-attaches-created-project',
        streamId: w.program,
        revision: 1,
        position: createdProject.position,
      },
    ]);
    expect(await eventsOf(w.project)).toMatchObject([
      {
        type: 'ProjectCreated',
        data: {
          projectId: w.projectId,
          programId: w.programId,
          contractId: w.contractId,
          createdBy: 'paula',
        },
      },
    ]);
    expect(await appendedSince(w.program, 0)).toMatchObject([
      {
        type: 'ProjectAttachedToProgram',
        data: { programId: w.programId, projectId: w.projectId },
      },
    ]);
  });
}
