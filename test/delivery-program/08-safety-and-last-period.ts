import { eur, type ScenarioWorld } from './support';

export function safetyAndLastPeriod(w: ScenarioWorld): void {
  const { created, ok, eventsOf, headOf, typesAppendedSince } = w;

  it('9. an H&S incident: reported, classified (recordable), investigated, closed; the month’s exposure hours recorded', async () => {
    const reported = await created(
      `${w.projectUrl}/incidents`,
      {
        occurredAt: '2025-05-14T10:40:00+02:00',
        siteId: 'site-N-07',
        description: 'Rigger cut a hand on a cable tray edge while fitting a radio unit',
        personRefs: ['emp-2291'],
      },
      'carla',
    );
    w.incident = { id: reported.id!, streamId: reported.streamId };
    const incidentUrl = `${w.projectUrl}/incidents/${w.incident.id}`;
    await ok(`${incidentUrl}/classification`, { classification: 'medical-treatment' }, 'carla');
    await ok(
      `${incidentUrl}/investigation`,
      { findings: 'Cut-resistant gloves not worn; the tray edge was not deburred' },
      'carla',
    );
    await ok(`${incidentUrl}/close`, { note: 'Toolbox talk held; gloves mandatory' }, 'carla');
    expect(await eventsOf(w.incident.streamId)).toMatchObject([
      { type: 'SafetyIncidentReported', data: { siteId: 'site-N-07', reportedBy: 'carla' } },
      {
        type: 'SafetyIncidentClassified',
        data: { classification: 'medical-treatment', recordable: true, lostTimeInjury: false },
      },
      { type: 'SafetyIncidentInvestigated' },
      { type: 'SafetyIncidentClosed', data: { closedBy: 'carla' } },
    ]);

    const exposure = await created(
      `${w.projectUrl}/exposure-hours`,
      { siteId: 'site-N-07', periodId: '2025-05', hours: 1920 },
      'erp-bridge',
    );
    expect(exposure.streamId).toBe(`exposure-${w.projectId}`);
    expect(await eventsOf(exposure.streamId)).toMatchObject([
      {
        type: 'ExposureHoursRecorded',
        data: {
          projectId: w.projectId,
          siteId: 'site-N-07',
          periodId: '2025-05',
          hours: 1920,
          recordedBy: 'erp-bridge',
          authority: 'integration',
        },
      },
    ]);
  });

  it('9b. the last reporting period: March closed (its figures frozen), October opened, every scope item reported complete, the ERP’s final invoice, October closed', async () => {
    const since = await headOf(w.project);
    await ok(`${w.projectUrl}/reporting-periods/2025-03/close`, {}, 'carla');
    await created(
      `${w.projectUrl}/reporting-periods`,
      { periodId: '2025-10', startsOn: '2025-10-01', endsOn: '2025-10-31' },
      'carla',
    );
    await created(
      `${w.projectUrl}/progress`,
      {
        reportId: 'rep-2025-10',
        periodId: '2025-10',
        items: ['s-core', 's-ran', 's-oss', 's-arena'].map((scopeItemId) => ({
          scopeItemId,
          percentComplete: 100,
        })),
      },
      'carla',
    );
    await created(
      `${w.projectUrl}/actual-costs`,
      { erpDocumentId: 'INV-2025-1030', amount: eur(158_750_000), postedOn: '2025-10-30' },
      'erp-bridge',
      { 'idempotency-key': 'erp-INV-2025-1030' },
    );
    await ok(`${w.projectUrl}/reporting-periods/2025-10/close`, {}, 'carla');
    expect(await typesAppendedSince(w.project, since)).toEqual([
      'ReportingPeriodClosed',
      'ReportingPeriodOpened',
      'ProgressReported',
      'ActualCostRecorded',
      'ReportingPeriodClosed',
    ]);
  });
}
