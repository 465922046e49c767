import { conventionBreaches, eur, type ScenarioWorld } from './support';

export function qualitySafetyAndPortfolioReadModels(w: ScenarioWorld): void {
  const { asOf, read, everyReadModelQuery, effectiveAtOf } = w;

  it('13f. complaint and CAPA logs: the H&S complaint closed satisfied in 3 days, its CAPA closed effective after 93', async () => {
    const head = await w.t.store.headPosition();
    expect(await read(`${w.projectUrl}/complaints?asOf=${asOf}`)).toEqual({
      projectId: w.projectId,
      programId: w.programId,
      asOf,
      summary: {
        total: 1,
        open: 0,
        overdue: 0,
        hsRelatedOpen: 0,
        byStatus: {
          received: 0,
          acknowledged: 0,
          assessed: 0,
          investigated: 0,
          responded: 0,
          closed: 1,
          reopened: 0,
        },
        closedSatisfied: 1,
        closedDissatisfied: 0,
      },
      complaints: [
        {
          complaintId: w.complaint.id,
          projectId: w.projectId,
          receivedOn: '2025-06-03',
          channel: 'email',
          summary: 'Excavation left unfenced overnight next to the school at site N-12',
          customerContactRef: 'crm-contact-8812',
          hsRelated: true,
          receivedBy: 'carla',
          status: 'closed',
          acknowledgedAt: '2025-06-03T09:10:00.000Z',
          severity: 'high',
          priority: 'top',
          assessedOn: '2025-06-03',
          dueOn: '2025-06-05',
          investigatedAt: '2025-06-04T17:00:00.000Z',
          respondedOn: '2025-06-05',
          closedOn: '2025-06-06',
          customerSatisfied: true,
          closeNote: null,
          reopenCount: 0,
          lastReopenReason: null,
          capaIds: [w.capa.id],
          lastEventAt: '2025-06-06T10:00:00.000Z',
          overdue: false,
          daysOverdue: 0,
          daysOpen: 3,
        },
      ],
      position: head,
    });

    expect(await read(`${w.projectUrl}/corrective-actions?asOf=${asOf}`)).toEqual({
      projectId: w.projectId,
      programId: w.programId,
      asOf,
      summary: {
        total: 1,
        open: 0,
        byStage: {
          containment: 0,
          'root-cause': 0,
          actions: 0,
          'effectiveness-check': 0,
          closed: 1,
        },
        bySource: { complaint: 1, incident: 0, audit: 0, lesson: 0 },
        effective: 1,
        notEffective: 0,
        notChecked: 0,
        overdueActions: 0,
      },
      correctiveActions: [
        {
          capaId: w.capa.id,
          projectId: w.projectId,
          source: 'complaint',
          sourceRef: w.complaint.id,
          problemStatement: 'Excavations left unsecured at the end of the working day',
          openedBy: 'carla',
          openedAt: '2025-06-04T08:00:00.000Z',
          stage: 'closed',
          containment: {
            actionTaken: 'N-12 fenced that evening; every open excavation checked',
            recordedAt: '2025-06-04T18:00:00.000Z',
          },
          rootCause: {
            method: '5-whys',
            statement: 'The civil works procedure has no end-of-day close-out',
            recordedAt: '2025-06-06T10:00:00.000Z',
            revisions: 0,
          },
          actions: [
            {
              actionId: 'ca-1',
              description: 'Add an end-of-day excavation close-out checklist to the procedure',
              ownerId: 'carla',
              dueOn: '2025-06-20',
              completedAt: '2025-06-18T15:00:00.000Z',
            },
          ],
          actionsSinceLastCheck: 0,
          criteria: [
            {
              criterionId: 'no-unsecured-90d',
              description: 'No unsecured excavation in 90 days',
            },
            { criterionId: 'checklist-signed', description: 'Close-out checklist signed daily' },
          ],
          checks: [
            {
              checkNumber: 1,
              effective: true,
              results: [
                { criterionId: 'no-unsecured-90d', met: true, observation: null },
                { criterionId: 'checklist-signed', met: true, observation: null },
              ],
              checkedBy: 'carla',
              checkedAt: '2025-09-04T09:00:00.000Z',
            },
          ],
          effective: true,
          closedAt: '2025-09-05T16:00:00.000Z',
          closeNote: 'Verified effective after 90 days of spot checks',
          lastEventAt: '2025-09-05T16:00:00.000Z',
          overdueActions: 0,
          openActions: 0,
          daysOpen: 93,
        },
      ],
      position: head,
    });
  });

  it('13g. H&S register, project and program: one recordable in 1,920 hours (TRIR 104.17, LTIFR 0); no hours in the period asked, no rate (null)', async () => {
    const head = await w.t.store.headPosition();
    const figures = {
      exposureHours: 1920,
      incidents: 1,
      byClass: {
        fatality: 0,
        'lost-time-injury': 0,
        'restricted-work': 0,
        'medical-treatment': 1,
        'first-aid': 0,
        'near-miss': 0,
        unclassified: 0,
      },
      recordables: 1,
      lostTimeInjuries: 0,
      lostDays: 0,
      reclassified: 0,
      openIncidents: 0,
      openInvestigations: 0,
      // 1 × 200,000 / 1,920 = 104.1666… and 0 × 1,000,000 / 1,920.
      trir: { value: 104.17, count: 1, hours: 1920, baseHours: 200_000 },
      ltifr: { value: 0, count: 0, hours: 1920, baseHours: 1_000_000 },
    };
    const wholeHistory = { from: null, to: null };
    expect(await read(`${w.projectUrl}/safety`)).toEqual({
      projectId: w.projectId,
      programId: w.programId,
      period: wholeHistory,
      figures,
      incidents: [
        {
          incidentId: w.incident.id,
          siteId: 'site-N-07',
          occurredAt: '2025-05-14T10:40:00+02:00',
          reportedAt: await effectiveAtOf(w.incident.streamId, 'SafetyIncidentReported'),
          description: 'Rigger cut a hand on a cable tray edge while fitting a radio unit',
          peopleInvolved: 1,
          status: 'closed',
          classification: 'medical-treatment',
          originalClassification: 'medical-treatment',
          reclassifications: [],
          recordable: true,
          lostTimeInjury: false,
          lostDays: 0,
          investigatedAt: await effectiveAtOf(w.incident.streamId, 'SafetyIncidentInvestigated'),
          rootCauseRef: null,
          closedAt: await effectiveAtOf(w.incident.streamId, 'SafetyIncidentClosed'),
        },
      ],
      exposure: [{ periodId: '2025-05', hours: 1920 }],
      position: head,
    });
    expect(await read(`/api/programs/${w.programId}/safety`)).toEqual({
      programId: w.programId,
      period: wholeHistory,
      figures,
      projects: [{ projectId: w.projectId, name: 'North RAN cluster swap', figures }],
      position: head,
    });

    const noRate = (baseHours: number) => ({ value: null, count: 0, hours: 0, baseHours });
    const quiet = {
      ...figures,
      exposureHours: 0,
      incidents: 0,
      byClass: { ...figures.byClass, 'medical-treatment': 0 },
      recordables: 0,
      trir: noRate(200_000),
      ltifr: noRate(1_000_000),
    };
    const period = { from: '2025-06', to: '2025-12' };
    expect(
      await read(`/api/programs/${w.programId}/safety?from=${period.from}&to=${period.to}`),
    ).toEqual({
      programId: w.programId,
      period,
      figures: quiet,
      projects: [{ projectId: w.projectId, name: 'North RAN cluster swap', figures: quiet }],
      position: head,
    });
  });

  it('13h. program portfolio: closed, its one project closed (so out of the health counts and the worst list), the money at completion', async () => {
    const head = await w.t.store.headPosition();
    expect(await read(`/api/programs/${w.programId}/portfolio`)).toEqual({
      programId: w.programId,
      name: 'RAN modernisation, region North',
      status: 'closed',
      projects: 1,
      byHealth: { red: 0, amber: 0, green: 0, unknown: 0 },
      byPhase: { 'set-up': 0, baselined: 0, execution: 0, closing: 0, closed: 1 },
      byStatus: { active: 0, closed: 1 },
      totals: [
        {
          currency: 'EUR',
          projects: 1,
          measuredProjects: 1,
          bacOriginal: eur(185_000_000),
          bacCurrent: eur(206_000_000),
          pv: eur(206_000_000),
          ev: eur(206_000_000),
          ac: eur(200_000_000),
          spi: 1,
          cpi: 1.03,
        },
      ],
      openChangeRequests: 0,
      openRisks: 1,
      openHighThreats: 0,
      worstProjects: [],
      position: head,
    });
  });

  it('13i. every answer keeps the conventions: money is {amount, currency}, absent is null, no store fields, siblings alike', async () => {
    const queries = [
      ...everyReadModelQuery(),
      // Earlier days too, while obligations, risks and handovers were still open.
      `/api/contracts/${w.contractId}/compliance?asOf=2024-12-01`,
      `${w.projectUrl}/risks?asOf=2025-07-01`,
      `${w.projectUrl}/handovers?asOf=2024-09-30`,
      `/api/programs/${w.programId}/risk-exposure?asOf=2025-07-01`,
    ];
    const breaches: string[] = [];
    for (const query of queries) breaches.push(...conventionBreaches(await read(query), query));
    expect(breaches).toEqual([]);
  });
}
