import { eur, baseline, type ScenarioWorld } from './support';

export function baselineAndExecution(w: ScenarioWorld): void {
  const { created, ok, headOf, appendedSince } = w;

  it('3. the CPM establishes the baseline: budget, scope, milestones (the PAC one linked to the obligation), quality', async () => {
    const body = {
      ...baseline,
      milestones: [
        ...baseline.milestones,
        {
          id: 'm-pac',
          title: 'PAC of the cluster',
          dueOn: '2025-09-30',
          obligationId: w.obligationId,
        },
      ],
    };
    const since = await headOf(w.project);
    // Established on 1 October 2024 (business time): the planned value starts there.
    await ok(`${w.projectUrl}/baseline`, { ...body, effectiveAt: '2024-10-01T08:00:00Z' }, 'carla');
    const appended = await appendedSince(w.project, since);
    expect(appended.map((event) => event.type)).toEqual(['BaselineEstablished']);
    expect(appended[0]!.data).toEqual({
      projectId: w.projectId,
      version: 1,
      baseline: {
        ...body,
        milestones: [
          { ...body.milestones[0], obligationId: null },
          { ...body.milestones[1], obligationId: null },
          body.milestones[2],
        ],
      },
      establishedBy: 'carla',
      authority: 'project-manager',
    });
  });

  it('4. execution, now authorised: a reporting period, progress, and the ERP’s actual cost (its retry with the same Idempotency-Key appends nothing)', async () => {
    const since = await headOf(w.project);
    await created(
      `${w.projectUrl}/reporting-periods`,
      { periodId: '2025-03', startsOn: '2025-03-01', endsOn: '2025-03-31' },
      'carla',
    );
    await created(
      `${w.projectUrl}/progress`,
      {
        reportId: 'rep-2025-03',
        periodId: '2025-03',
        items: [
          { scopeItemId: 's-core', percentComplete: 60 },
          { scopeItemId: 's-ran', percentComplete: 25 },
        ],
      },
      'carla',
    );
    const invoice = {
      erpDocumentId: 'INV-2025-0311',
      amount: eur(41_250_000),
      postedOn: '2025-03-28',
    };
    const key = { 'idempotency-key': 'erp-INV-2025-0311' };
    const first = await created(`${w.projectUrl}/actual-costs`, invoice, 'erp-bridge', key);

    const appended = await appendedSince(w.project, since);
    expect(appended.map((event) => event.type)).toEqual([
      'ReportingPeriodOpened',
      'ProgressReported',
      'ActualCostRecorded',
    ]);
    expect(appended[1]!.data).toMatchObject({ reportId: 'rep-2025-03', reportedBy: 'carla' });
    expect(appended[2]!.data).toMatchObject({ ...invoice, recordedBy: 'erp-bridge' });

    // The ERP retries (a lost acknowledgement): the same answer, nothing new anywhere.
    const head = await w.t.store.headPosition();
    const retry = await created(`${w.projectUrl}/actual-costs`, invoice, 'erp-bridge', key);
    expect(retry).toEqual(first);
    expect(await w.t.store.headPosition()).toBe(head);
    expect(await headOf(w.project)).toBe(appended.at(-1)!.revision);
  });
}
