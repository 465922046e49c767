import { eur, type ScenarioWorld } from './support';

export function changeRequestsAndObligations(w: ScenarioWorld): void {
  const { post, created, ok, expectRefused, headOf, appendedSince, typesAppendedSince } = w;

  it('5a. CR #1 (scope, schedule, cost; contractual): raised by carla, assessed, refused to carla, approved by bob with its CSSQ facts in the same append', async () => {
    let since = await headOf(w.project);
    const raised = await created(
      `${w.projectUrl}/change-requests`,
      {
        title: 'Small cells for the Nordby arena',
        origin: 'customer',
        categories: ['scope', 'schedule', 'cost', 'contract'],
        justification: 'The customer wants coverage for the arena opening in autumn 2025',
      },
      'carla',
    );
    w.cr1Id = raised.id!;
    w.cr1Url = `${w.projectUrl}/change-requests/${w.cr1Id}`;
    expect(await appendedSince(w.project, since)).toMatchObject([
      { type: 'ChangeRequestRaised', data: { changeRequestId: w.cr1Id, requestedBy: 'carla' } },
    ]);

    since = await headOf(w.project);
    await ok(
      `${w.cr1Url}/assessment`,
      {
        cost: { impact: 'change', budgetDelta: eur(21_000_000) },
        schedule: {
          impact: 'change',
          milestoneShifts: [
            { milestoneId: 'm-on-air', days: 14 },
            { milestoneId: 'm-pac', days: 14 },
          ],
        },
        scope: {
          impact: 'change',
          add: [{ id: 's-arena', title: 'Arena small cells (6 nodes)' }],
        },
        quality: { impact: 'none' },
      },
      'carla',
    );
    expect(await appendedSince(w.project, since)).toMatchObject([
      {
        type: 'ChangeRequestImpactAssessed',
        data: { changeRequestId: w.cr1Id, contractual: true, baselineVersion: 1 },
      },
    ]);

    const decision = {
      outcome: 'approved',
      reason: 'Customer funds the arena cells under addendum 3; the PAC moves two weeks',
    };
    await expectRefused(
      post(`${w.cr1Url}/decision`, decision, 'carla'),
      403,
      'requester-cannot-decide',
    );

    since = await headOf(w.project);
    const approved = await ok(`${w.cr1Url}/decision`, decision, 'bob');
    const appended = await appendedSince(w.project, since);
    expect(appended.map((event) => event.type)).toEqual([
      'ChangeRequestDecided',
      'ScopeChanged',
      'ScheduleChanged',
      'BudgetChanged',
      'BaselineRevised',
    ]);
    // One atomic append: one command, consecutive revisions, the response names its end.
    expect(new Set(appended.map((event) => event.metadata.commandId)).size).toBe(1);
    expect(appended.map((event) => event.revision)).toEqual(
      appended.map((_, index) => since + 1 + index),
    );
    expect(approved).toMatchObject({
      revision: appended.at(-1)!.revision,
      position: appended.at(-1)!.position,
    });
    const [decided, scope, schedule, budget, revised] = appended.map((event) => event.data);
    expect(decided).toEqual({
      projectId: w.projectId,
      changeRequestId: w.cr1Id,
      ...decision,
      decidedBy: 'bob',
      authority: 'project-manager',
    });
    expect(appended[0]!.metadata.actor).toEqual({ sub: 'bob', roles: ['project-manager'] });
    expect(scope).toMatchObject({
      added: [{ id: 's-arena', title: 'Arena small cells (6 nodes)' }],
      removed: [],
    });
    expect(schedule).toMatchObject({
      milestoneShifts: [
        { milestoneId: 'm-on-air', days: 14, from: '2025-07-31', to: '2025-08-14' },
        { milestoneId: 'm-pac', days: 14, from: '2025-09-30', to: '2025-10-14' },
      ],
    });
    expect(budget).toMatchObject({
      delta: eur(21_000_000),
      previousBudget: eur(185_000_000),
      newBudget: eur(206_000_000),
    });
    expect(revised).toMatchObject({
      changeRequestId: w.cr1Id,
      version: 2,
      baseline: {
        budget: eur(206_000_000),
        scope: expect.arrayContaining([{ id: 's-arena', title: 'Arena small cells (6 nodes)' }]),
        milestones: expect.arrayContaining([
          expect.objectContaining({
            id: 'm-pac',
            dueOn: '2025-10-14',
            obligationId: w.obligationId,
          }),
        ]),
      },
    });
  });

  it('5b. CR #1 is contractual: implemented only after the customer signs; the contract is amended under it; then closed', async () => {
    await expectRefused(
      post(`${w.cr1Url}/implement`, {}, 'carla'),
      422,
      'customer-approval-required',
    );

    const signature = 'NT-ADD-003, signed 2025-04-22';
    const since = await headOf(w.project);
    await ok(`${w.cr1Url}/customer-approval`, { customerSignatureRef: signature }, 'carla');

    const contractHead = await headOf(w.contract);
    await created(
      `/api/contracts/${w.contractId}/amendments`,
      {
        summary: 'Addendum 3: six arena small cells; PAC moved by two weeks',
        changeRequest: { projectId: w.projectId, changeRequestId: w.cr1Id },
        customerSignatureRef: signature,
        value: eur(268_500_000),
        obligationDueChanges: [{ obligationId: w.obligationId, dueOn: '2025-10-14' }],
      },
      'carla',
    );
    expect(await appendedSince(w.contract, contractHead)).toMatchObject([
      {
        type: 'ContractAmended',
        data: {
          changeRequestId: w.cr1Id,
          projectId: w.projectId,
          customerSignatureRef: signature,
          value: { previous: eur(240_000_000), amended: eur(268_500_000) },
          obligationDueChanges: [
            {
              obligationId: w.obligationId,
              previous: { dueOn: '2025-09-30' },
              dueOn: '2025-10-14',
            },
          ],
          amendedBy: 'carla',
          authority: 'project-manager',
        },
      },
    ]);

    await ok(`${w.cr1Url}/implement`, {}, 'carla');
    await ok(`${w.cr1Url}/close`, {}, 'carla');
    expect(await appendedSince(w.project, since)).toMatchObject([
      {
        type: 'CustomerApprovalRecorded',
        data: { changeRequestId: w.cr1Id, customerSignatureRef: signature },
      },
      {
        type: 'ChangeRequestImplemented',
        data: { changeRequestId: w.cr1Id, implementedBy: 'carla' },
      },
      { type: 'ChangeRequestClosed', data: { changeRequestId: w.cr1Id, closedBy: 'carla' } },
    ]);
  });

  it('5c. CR #2 (a small cost change): raised, assessed, rejected by bob (the decision alone), then closed', async () => {
    const since = await headOf(w.project);
    const raised = await created(
      `${w.projectUrl}/change-requests`,
      {
        title: 'Indoor racks instead of outdoor cabinets at four sites',
        origin: 'internal',
        categories: ['cost'],
        justification: 'Two site owners prefer the equipment in their basements',
      },
      'carla',
    );
    w.cr2Id = raised.id!;
    const url = `${w.projectUrl}/change-requests/${w.cr2Id}`;
    await ok(
      `${url}/assessment`,
      {
        cost: { impact: 'change', budgetDelta: eur(1_800_000) },
        schedule: { impact: 'none' },
        scope: { impact: 'none' },
        quality: { impact: 'none' },
      },
      'carla',
    );
    const afterAssessment = await headOf(w.project);
    const reason = 'Outdoor cabinets meet the specification; not worth the extra cost';
    await ok(`${url}/decision`, { outcome: 'rejected', reason }, 'bob');
    expect(await typesAppendedSince(w.project, afterAssessment)).toEqual(['ChangeRequestDecided']);
    await ok(`${url}/close`, {}, 'carla');

    const appended = await appendedSince(w.project, since);
    expect(appended.map((event) => event.type)).toEqual([
      'ChangeRequestRaised',
      'ChangeRequestImpactAssessed',
      'ChangeRequestDecided',
      'ChangeRequestClosed',
    ]);
    expect(appended[2]!.data).toEqual({
      projectId: w.projectId,
      changeRequestId: raised.id,
      outcome: 'rejected',
      reason,
      decidedBy: 'bob',
      authority: 'project-manager',
    });
  });

  it('5d. a second obligation, the customer’s approval of the detailed design, met four weeks late: LD accrue on the amended value, and the PMO waives half', async () => {
    const since = await headOf(w.contract);
    const designLd = {
      kind: 'liquidated-damages',
      ratePerWeekPct: 0.25,
      capPct: 5,
      graceDays: 0,
    };
    const registered = await created(
      `/api/contracts/${w.contractId}/obligations`,
      {
        kind: 'milestone',
        title: 'Detailed design approved by the customer',
        dueOn: '2024-12-13',
        evidenceRule: 'Design approval minutes signed by the customer',
        remedy: designLd,
        effectiveAt: '2024-09-16T15:00:00Z',
      },
      'sam',
    );
    w.designObligationId = registered.id!;
    const url = `/api/contracts/${w.contractId}/obligations/${w.designObligationId}`;
    await ok(
      `${url}/fulfilment`,
      { fulfilledOn: '2025-01-10', evidence: { kind: 'document', ref: 'MIN-2025-0110' } },
      'carla',
    );
    await ok(`${url}/liquidated-damages/accruals`, { asOf: '2025-01-10' }, 'carla');
    const waiver = {
      amount: eur(1_342_500),
      reason: 'Two of the four weeks were lost waiting for the customer’s review',
    };
    await ok(`${url}/liquidated-damages/waivers`, waiver, 'paula');

    // 28 days late, no grace: 4 started weeks × 0.25 % of the amended 268,500,000.
    expect(await appendedSince(w.contract, since)).toMatchObject([
      {
        type: 'ObligationRegistered',
        data: { obligationId: w.designObligationId, kind: 'milestone', remedy: designLd },
      },
      {
        type: 'ObligationFulfilled',
        data: { obligationId: w.designObligationId, fulfilledOn: '2025-01-10', onTime: false },
      },
      {
        type: 'LiquidatedDamagesAccrued',
        data: {
          obligationId: w.designObligationId,
          daysLate: 28,
          weeksLate: 4,
          amount: eur(2_685_000),
          accruedTotal: eur(2_685_000),
          cap: eur(13_425_000),
          accruedBy: 'carla',
        },
      },
      {
        type: 'LiquidatedDamagesWaived',
        data: { ...waiver, waivedTotal: eur(1_342_500), waivedBy: 'paula', authority: 'pmo' },
      },
    ]);
  });
}
