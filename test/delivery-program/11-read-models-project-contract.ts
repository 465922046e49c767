import { eur, type ScenarioWorld } from './support';

export function projectAndContractReadModels(w: ScenarioWorld): void {
  const { eventsOf, asOf, read, eventOf, recordedAtOf } = w;

  it('13a. project summary and list: closed, original vs current baseline, no open CR, earned value at completion, green', async () => {
    const head = await w.t.store.headPosition();
    const events = await eventsOf(w.project);
    const milestones = (onAir: string, pac: string) => [
      { id: 'm-design', title: 'Detailed design approved', dueOn: '2024-12-13' },
      { id: 'm-on-air', title: '48 macro sites on air', dueOn: onAir },
      { id: 'm-pac', title: 'PAC of the cluster', dueOn: pac },
    ];
    const noAdjustment = { ev: null, ac: null, corrections: 0, lateCosts: 0 };
    const summary = {
      projectId: w.projectId,
      programId: w.programId,
      contractId: w.contractId,
      name: 'North RAN cluster swap',
      status: 'closed',
      phase: 'closed',
      attachedToProgram: true,
      deliveryApproach: null,
      originalBaseline: {
        version: 1,
        budget: eur(185_000_000),
        scopeCount: 3,
        milestones: milestones('2025-07-31', '2025-09-30'),
      },
      currentBaseline: {
        version: 2,
        budget: eur(206_000_000),
        scopeCount: 4,
        milestones: milestones('2025-08-14', '2025-10-14'),
      },
      openChangeRequestIds: [],
      openChangeRequests: 0,
      // The threat stays open (handed to Care as a residual risk); the opportunity was closed.
      openRisks: 1,
      openHighThreats: 0,
      // Measured at the end of October: all four scope items complete, every milestone due.
      earnedValue: {
        statusDate: '2025-10-31',
        bac: eur(206_000_000),
        pv: eur(206_000_000),
        ev: eur(206_000_000),
        ac: eur(200_000_000),
        sv: eur(0),
        cv: eur(6_000_000),
        spi: 1,
        cpi: 1.03,
        eac: eur(200_000_000),
        eacAtBudgetRate: eur(200_000_000),
        etc: eur(0),
        vac: eur(6_000_000),
        tcpi: 0,
        percentComplete: 100,
        actualCostRecorded: eur(200_000_000),
      },
      reportingPeriods: [
        {
          periodId: '2025-03',
          startsOn: '2025-03-01',
          endsOn: '2025-03-31',
          status: 'closed',
          closedAt: await recordedAtOf(w.project, 'ReportingPeriodClosed', 0),
          // Frozen when closed (baseline v2, plan start 2024-10-01): PV = m-design fully planned
          // plus 108 of the 244 days to m-on-air, 206,000,000 × (244 + 108) / (3 × 244);
          // EV = 206,000,000 × (60 + 25) % / 4 items; AC = the March invoice.
          reported: { pv: eur(99_060_109), ev: eur(43_775_000), ac: eur(41_250_000) },
          adjustments: noAdjustment,
        },
        {
          periodId: '2025-10',
          startsOn: '2025-10-01',
          endsOn: '2025-10-31',
          status: 'closed',
          closedAt: await recordedAtOf(w.project, 'ReportingPeriodClosed', 1),
          reported: { pv: eur(206_000_000), ev: eur(206_000_000), ac: eur(200_000_000) },
          adjustments: noAdjustment,
        },
      ],
      latestForecast: null,
      health: 'green',
      healthRank: 2,
      healthReasons: [],
      healthAsOf: events.at(-1)!.recordedAt.slice(0, 10),
      createdAt: events[0]!.recordedAt,
      lastEventAt: events.at(-1)!.recordedAt,
    };
    expect(events.at(-1)!.type).toBe('ProjectClosed');

    expect(await read(w.projectUrl)).toEqual({ ...summary, position: head });
    expect(await read(`/api/projects?programId=${w.programId}`)).toEqual({
      items: [summary],
      total: 1,
      position: head,
    });
    expect(await read(`/api/projects?programId=${w.programId}&status=active`)).toEqual({
      items: [],
      total: 0,
      position: head,
    });
  });

  it('13b. CSSQ history: CR #1 approved (impacts, decider, customer signature, baseline v2), CR #2 rejected; cumulative deltas vs the original baseline', async () => {
    const head = await w.t.store.headPosition();
    const at = async (type: string, changeRequestId: string) =>
      (await eventsOf(w.project)).find(
        (event) => event.type === type && event.data['changeRequestId'] === changeRequestId,
      )!.recordedAt;
    const leadTime = async (id: string) =>
      Math.round(
        ((Date.parse(await at('ChangeRequestDecided', id)) -
          Date.parse(await at('ChangeRequestRaised', id))) /
          86_400_000) *
          100,
      ) / 100;
    const none = { impact: 'none' };
    const cr1 = {
      changeRequestId: w.cr1Id,
      title: 'Small cells for the Nordby arena',
      origin: 'customer',
      categories: ['scope', 'schedule', 'cost', 'contract'],
      requestedBy: 'carla',
      supersedes: null,
      raisedAt: await at('ChangeRequestRaised', w.cr1Id),
      impacts: {
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
          remove: [],
        },
        quality: none,
        contractual: true,
        baselineVersion: 1,
        assessedBy: 'carla',
      },
      outcome: 'approved',
      decidedBy: 'bob',
      authority: 'project-manager',
      reason: 'Customer funds the arena cells under addendum 3; the PAC moves two weeks',
      decidedAt: await at('ChangeRequestDecided', w.cr1Id),
      leadTimeDays: await leadTime(w.cr1Id),
      customerSignatureRef: 'NT-ADD-003, signed 2025-04-22',
      resultingBaselineVersion: 2,
      applied: {
        budgetDelta: eur(21_000_000),
        scopeAdded: 1,
        scopeRemoved: 0,
        milestoneShiftDays: 28,
      },
      implementedAt: await at('ChangeRequestImplemented', w.cr1Id),
      closedAt: await at('ChangeRequestClosed', w.cr1Id),
      withdrawnAt: null,
      withdrawalReason: null,
    };
    const cr2 = {
      changeRequestId: w.cr2Id,
      title: 'Indoor racks instead of outdoor cabinets at four sites',
      origin: 'internal',
      categories: ['cost'],
      requestedBy: 'carla',
      supersedes: null,
      raisedAt: await at('ChangeRequestRaised', w.cr2Id),
      impacts: {
        cost: { impact: 'change', budgetDelta: eur(1_800_000) },
        schedule: none,
        scope: none,
        quality: none,
        contractual: false,
        baselineVersion: 2,
        assessedBy: 'carla',
      },
      outcome: 'rejected',
      decidedBy: 'bob',
      authority: 'project-manager',
      reason: 'Outdoor cabinets meet the specification; not worth the extra cost',
      decidedAt: await at('ChangeRequestDecided', w.cr2Id),
      leadTimeDays: await leadTime(w.cr2Id),
      customerSignatureRef: null,
      resultingBaselineVersion: null,
      applied: { budgetDelta: null, scopeAdded: 0, scopeRemoved: 0, milestoneShiftDays: 0 },
      implementedAt: null,
      closedAt: await at('ChangeRequestClosed', w.cr2Id),
      withdrawnAt: null,
      withdrawalReason: null,
    };
    expect(await read(`${w.projectUrl}/cssq-history`)).toEqual({
      projectId: w.projectId,
      changeRequests: [cr1, cr2],
      // Only the approved CR moved the baseline: +21,000,000, one item added, 2 × 14 days.
      cumulative: {
        budgetDelta: eur(21_000_000),
        scopeItemsAdded: 1,
        scopeItemsRemoved: 0,
        milestoneShiftDays: 28,
      },
      position: head,
    });
    const ids = async (dimension: string) =>
      (
        await read<{ changeRequests: { changeRequestId: string }[] }>(
          `${w.projectUrl}/cssq-history?dimension=${dimension}`,
        )
      ).changeRequests.map((entry) => entry.changeRequestId);
    expect(await ids('schedule')).toEqual([w.cr1Id]);
    expect(await ids('cost')).toEqual([w.cr1Id, w.cr2Id]);
    expect(await ids('quality')).toEqual([]);
  });

  it('13c. contract compliance: both obligations fulfilled (the PAC on time by the certificate, the design four weeks late), LD accrued, waived, capped per obligation', async () => {
    const head = await w.t.store.headPosition();
    const amended = await eventOf(w.contract, 'ContractAmended');
    const design = {
      obligationId: w.designObligationId,
      kind: 'milestone',
      title: 'Detailed design approved by the customer',
      status: 'fulfilled',
      evidenceRule: 'Design approval minutes signed by the customer',
      dueOn: '2024-12-13',
      measurementWindow: null,
      plannedOn: '2024-12-13',
      originalPlannedOn: '2024-12-13',
      forecastOn: null,
      forecastSlipDays: null,
      daysToDeadline: -668,
      actualOn: '2025-01-10',
      daysLate: 28,
      onTime: false,
      evidence: { kind: 'document', ref: 'MIN-2025-0110' },
      missed: null,
      remedy: { kind: 'liquidated-damages', ratePerWeekPct: 0.25, capPct: 5, graceDays: 0 },
      // 4 weeks × 0.25 % and a 5 % cap, both of the amended 268,500,000.
      liquidatedDamages: {
        accrued: eur(2_685_000),
        waived: eur(1_342_500),
        net: eur(1_342_500),
        forecast: eur(2_685_000),
        cap: eur(13_425_000),
        headroom: eur(10_740_000),
        capReached: false,
        accruedAsOf: '2025-01-10',
      },
      milestones: [],
    };
    const pac = {
      obligationId: w.obligationId,
      kind: 'acceptance',
      title: 'Provisional acceptance of the North RAN cluster',
      status: 'fulfilled',
      evidenceRule: 'PAC signed by the customer',
      dueOn: '2025-10-14',
      measurementWindow: null,
      plannedOn: '2025-10-14',
      originalPlannedOn: '2025-09-30',
      forecastOn: '2025-10-14',
      forecastSlipDays: 0,
      daysToDeadline: -363,
      actualOn: '2025-10-10',
      daysLate: 0,
      onTime: true,
      evidence: { kind: 'acceptance-certificate', ref: w.pacId },
      missed: null,
      remedy: { kind: 'liquidated-damages', ratePerWeekPct: 0.5, capPct: 10, graceDays: 7 },
      liquidatedDamages: {
        accrued: eur(0),
        waived: eur(0),
        net: eur(0),
        forecast: eur(0),
        cap: eur(26_850_000),
        headroom: eur(26_850_000),
        capReached: false,
        accruedAsOf: null,
      },
      milestones: [
        {
          projectId: w.projectId,
          milestoneId: 'm-pac',
          title: 'PAC of the cluster',
          baselineDueOn: '2025-10-14',
          forecastOn: null,
        },
      ],
    };
    expect(await read(`/api/contracts/${w.contractId}/compliance?asOf=${asOf}`)).toEqual({
      contractId: w.contractId,
      programId: w.programId,
      customerId: 'cust-nordtel',
      title: 'North RAN modernisation: supply, install, integrate',
      value: eur(268_500_000),
      originalValue: eur(240_000_000),
      signedOn: '2024-09-16',
      keyProject: null,
      amendments: [
        {
          amendmentId: amended.data['amendmentId'],
          changeRequestId: w.cr1Id,
          projectId: w.projectId,
          summary: 'Addendum 3: six arena small cells; PAC moved by two weeks',
          customerSignatureRef: 'NT-ADD-003, signed 2025-04-22',
          amendedBy: 'carla',
          amendedAt: amended.recordedAt,
        },
      ],
      asOf,
      counts: { due: 0, atRisk: 0, fulfilled: 2, missed: 0, total: 2 },
      obligations: [design, pac],
      liquidatedDamages: {
        accrued: eur(2_685_000),
        waived: eur(1_342_500),
        net: eur(1_342_500),
        forecast: eur(2_685_000),
        cap: eur(40_275_000),
        headroom: eur(37_590_000),
      },
      position: head,
    });
  });
}
