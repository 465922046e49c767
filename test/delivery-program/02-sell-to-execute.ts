import { eur, sellToExecuteItems, type ScenarioWorld } from './support';

export function sellToExecuteHandover(w: ScenarioWorld): void {
  const { post, created, ok, expectRefused, eventsOf, headOf, appendedSince, lastOf } = w;

  it('2. Sell→Execute: sales initiates with the typical checklist and submits evidence; the CPM accepts the items and approves; the project records the outcome', async () => {
    const initiated = await created(
      `${w.projectUrl}/handovers`,
      { kind: 'sell-to-execute', items: sellToExecuteItems, effectiveAt: '2024-09-17T09:00:00Z' },
      'sam',
    );
    w.sellToExecute = { id: initiated.id!, streamId: initiated.streamId };
    const handover = initiated.streamId;
    const url = `${w.projectUrl}/handovers/${initiated.id!}`;
    expect(await eventsOf(handover)).toMatchObject([
      {
        type: 'HandoverInitiated',
        data: {
          projectId: w.projectId,
          kind: 'sell-to-execute',
          items: sellToExecuteItems,
          initiatedBy: 'sam',
          authority: 'sales',
          accountable: 'sam',
        },
      },
    ]);

    // The stakeholder map (optional) is still being drawn up; everything else is handed over.
    const handedOver = sellToExecuteItems.filter((item) => item.id !== 'stakeholder-map');
    for (const item of handedOver) {
      await ok(
        `${url}/items/${item.id}/evidence`,
        { ref: `dms://north-ran/${item.id}`, effectiveAt: '2024-09-20T10:00:00Z' },
        'sam',
      );
      await ok(
        `${url}/items/${item.id}/accept`,
        { note: 'Reviewed with sales', effectiveAt: '2024-10-02T11:00:00Z' },
        'carla',
      );
    }

    // Execution is not authorised yet: the ERP's first invoice is refused.
    await expectRefused(
      post(
        `${w.projectUrl}/actual-costs`,
        { erpDocumentId: 'INV-2025-0311', amount: eur(41_250_000), postedOn: '2025-03-28' },
        'erp-bridge',
      ),
      422,
      'execution-not-authorised',
    );

    const projectHead = await headOf(w.project);
    const approved = await ok(
      `${url}/approve`,
      { note: 'Complete; LD clause noted', effectiveAt: '2024-10-04T16:00:00Z' },
      'carla',
    );
    expect(approved.followUps).toEqual([
      expect.objectContaining({
        reaction: 'project-records-handover-outcome',
        streamId: w.project,
      }),
    ]);
    expect((await eventsOf(handover)).map((event) => event.type)).toEqual([
      'HandoverInitiated',
      ...handedOver.flatMap(() => ['HandoverItemSubmitted', 'HandoverItemAccepted']),
      'HandoverApproved',
    ]);
    expect((await lastOf(handover)).data).toMatchObject({
      kind: 'sell-to-execute',
      approvedBy: 'carla',
      authority: 'project-manager',
      summary: {
        totalItems: sellToExecuteItems.length,
        itemsAccepted: handedOver.map((item) => item.id),
        optionalItemsNotAccepted: ['stakeholder-map'],
      },
      accountable: 'carla',
      previousAccountable: 'sam',
    });
    expect(await appendedSince(w.project, projectHead)).toMatchObject([
      {
        type: 'HandoverOutcomeRecorded',
        data: { kind: 'sell-to-execute', outcome: 'approved', handoverId: initiated.id },
      },
    ]);
  });
}
