import { deliveryToCareItems, type ScenarioWorld } from './support';

export function careHandoverAndClosure(w: ScenarioWorld): void {
  const { post, created, ok, expectRefused, eventsOf, headOf, appendedSince } = w;

  it('10. Delivery→Care: the CPM initiates and submits the evidence; care accepts every item and approves; the project records the outcome', async () => {
    await expectRefused(
      post(`${w.projectUrl}/close`, { reason: 'Too early' }, 'carla'),
      422,
      'delivery-to-care-handover-not-approved',
    );

    const initiated = await created(
      `${w.projectUrl}/handovers`,
      {
        kind: 'delivery-to-care',
        items: deliveryToCareItems,
        effectiveAt: '2025-10-13T09:00:00Z',
      },
      'carla',
    );
    w.deliveryToCare = { id: initiated.id!, streamId: initiated.streamId };
    const url = `${w.projectUrl}/handovers/${initiated.id!}`;
    for (const item of deliveryToCareItems) {
      await ok(
        `${url}/items/${item.id}/evidence`,
        { ref: `dms://north-ran/care/${item.id}`, effectiveAt: '2025-10-20T10:00:00Z' },
        'carla',
      );
      await ok(`${url}/items/${item.id}/accept`, { effectiveAt: '2025-10-30T14:00:00Z' }, 'cora');
    }
    const projectHead = await headOf(w.project);
    const approved = await ok(
      `${url}/approve`,
      { note: 'Care runs the cluster', effectiveAt: '2025-11-03T15:00:00Z' },
      'cora',
    );
    expect(approved.followUps).toEqual([
      expect.objectContaining({
        reaction: 'project-records-handover-outcome',
        streamId: w.project,
      }),
    ]);

    const events = await eventsOf(initiated.streamId);
    expect(events.map((event) => event.type)).toEqual([
      'HandoverInitiated',
      ...deliveryToCareItems.flatMap(() => ['HandoverItemSubmitted', 'HandoverItemAccepted']),
      'HandoverApproved',
    ]);
    expect(events[0]!.data).toMatchObject({ initiatedBy: 'carla', authority: 'project-manager' });
    expect(events.at(-1)!.data).toMatchObject({
      kind: 'delivery-to-care',
      approvedBy: 'cora',
      authority: 'care',
      accountable: 'cora',
      previousAccountable: 'carla',
    });
    expect(await appendedSince(w.project, projectHead)).toMatchObject([
      {
        type: 'HandoverOutcomeRecorded',
        data: { kind: 'delivery-to-care', outcome: 'approved', handoverId: initiated.id },
      },
    ]);
  });

  it('11. closure: the program cannot close while its project is open; the CPM closes the project, then the PMO the program', async () => {
    const programClosure = { reason: 'North RAN modernised, accepted and run by Care' };
    await expectRefused(
      post(`/api/programs/${w.programId}/close`, programClosure, 'paula'),
      422,
      'program-has-open-projects',
    );

    const projectHead = await headOf(w.project);
    const reason = 'Final acceptance issued; operations handed over to Care';
    await ok(`${w.projectUrl}/close`, { reason }, 'carla');
    expect(await appendedSince(w.project, projectHead)).toMatchObject([
      {
        type: 'ProjectClosed',
        data: { projectId: w.projectId, reason, closedBy: 'carla', authority: 'project-manager' },
      },
    ]);

    const programHead = await headOf(w.program);
    await ok(`/api/programs/${w.programId}/close`, programClosure, 'paula');
    expect(await appendedSince(w.program, programHead)).toMatchObject([
      {
        type: 'ProgramClosed',
        data: { programId: w.programId, closedBy: 'paula', ...programClosure },
      },
    ]);
  });
}
