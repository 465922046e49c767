import type { ScenarioWorld } from './support';

export function acceptance(w: ScenarioWorld): void {
  const { post, created, ok, expectRefused, eventsOf, headOf, appendedSince } = w;

  it('7a. acceptance: opened on the obligation, tested, an A punch item blocks the PAC, cleared; the PAC lists the open B item and fulfils the obligation on the contract', async () => {
    const opened = await created(
      `${w.projectUrl}/acceptances`,
      {
        object: {
          kind: 'cluster',
          ref: 'CL-NORTH-01',
          title: 'North RAN cluster with arena cells',
        },
        obligationId: w.obligationId,
        warrantyMonths: 12,
      },
      'carla',
    );
    w.acceptanceId = opened.id!;
    w.acceptanceStream = opened.streamId;
    w.acceptanceUrl = `${w.projectUrl}/acceptances/${w.acceptanceId}`;
    await created(
      `${w.acceptanceUrl}/tests`,
      { testId: 'sat-1', scheduledOn: '2025-09-22' },
      'carla',
    );
    await ok(
      `${w.acceptanceUrl}/tests/sat-1/result`,
      { result: 'passed', notes: 'Drive test KPIs met on all 54 cells' },
      'carla',
    );
    const grounding = {
      itemId: 'pi-a',
      severity: 'A',
      description: 'Mast grounding missing, N-17',
    };
    const labels = { itemId: 'pi-b', severity: 'B', description: 'Cabinet labels faded, N-03' };
    await created(`${w.acceptanceUrl}/punch-items`, grounding, 'carla');
    await created(`${w.acceptanceUrl}/punch-items`, labels, 'carla');

    const pac = { certificateId: 'pac-cl-north-01', issuedOn: '2025-10-10' };
    await expectRefused(
      post(`${w.acceptanceUrl}/provisional-certificate`, pac, 'carla'),
      422,
      'open-severity-a-punch-items',
    );
    await ok(
      `${w.acceptanceUrl}/punch-items/pi-a/clear`,
      { evidence: { ref: 'PHOTO-2025-1003-17', note: 'Grounding kit fitted and measured' } },
      'carla',
    );

    const contractHead = await headOf(w.contract);
    const issued = await ok(`${w.acceptanceUrl}/provisional-certificate`, pac, 'carla');
    w.pacId = issued.id!;
    expect(w.pacId).toBe('pac-cl-north-01');
    expect(issued.followUps).toEqual([
      {
        reaction: 'contract-fulfils-obligation-on-certificate',
        streamId: w.contract,
        revision: contractHead + 1,
        position: issued.position,
      },
    ]);

    const events = await eventsOf(w.acceptanceStream);
    expect(events.map((event) => event.type)).toEqual([
      'AcceptanceOpened',
      'AcceptanceTestScheduled',
      'AcceptanceTestResultRecorded',
      'PunchItemRaised',
      'PunchItemRaised',
      'PunchItemCleared',
      'ProvisionalAcceptanceCertificateIssued',
    ]);
    expect(events[0]!.data).toMatchObject({
      contractId: w.contractId,
      obligationId: w.obligationId,
      obligationFulfilledBy: 'pac',
      warrantyMonths: 12,
      openedBy: 'carla',
    });
    expect(events.at(-1)!.data).toMatchObject({
      certificateId: w.pacId,
      issuedOn: '2025-10-10',
      openPunchItems: [labels],
      warrantyStartsOn: '2025-10-10',
      warrantyEndsOn: '2026-10-10',
      obligationId: w.obligationId,
      fulfilsObligation: true,
      issuedBy: 'carla',
    });
    // On time against the due date the amendment of CR #1 moved (2025-10-14).
    expect(await appendedSince(w.contract, contractHead)).toMatchObject([
      {
        type: 'ObligationFulfilled',
        data: {
          obligationId: w.obligationId,
          fulfilledOn: '2025-10-10',
          evidence: { kind: 'acceptance-certificate', ref: w.pacId },
          onTime: true,
        },
        metadata: { causationId: events.at(-1)!.id },
      },
    ]);
  });

  it('7b. later, the FAC: refused before the warranty has elapsed, issued once it has and every item is cleared; the project records final acceptance', async () => {
    const since = await headOf(w.acceptanceStream);
    await ok(
      `${w.acceptanceUrl}/punch-items/pi-b/clear`,
      { evidence: { ref: 'PHOTO-2025-1020-03', note: 'Labels replaced' } },
      'carla',
    );
    await expectRefused(
      post(
        `${w.acceptanceUrl}/final-certificate`,
        { certificateId: 'fac-cl-north-01', issuedOn: '2026-04-15' },
        'carla',
      ),
      422,
      'warranty-period-not-elapsed',
    );

    const projectHead = await headOf(w.project);
    const fac = await ok(
      `${w.acceptanceUrl}/final-certificate`,
      { certificateId: 'fac-cl-north-01', issuedOn: '2026-10-12' },
      'carla',
    );
    expect(fac.followUps).toEqual([
      expect.objectContaining({
        reaction: 'project-records-final-acceptance',
        streamId: w.project,
      }),
    ]);
    expect(await appendedSince(w.acceptanceStream, since)).toMatchObject([
      { type: 'PunchItemCleared', data: { itemId: 'pi-b' } },
      {
        type: 'FinalAcceptanceCertificateIssued',
        data: {
          certificateId: 'fac-cl-north-01',
          issuedOn: '2026-10-12',
          provisionalCertificateId: w.pacId,
          warrantyEndsOn: '2026-10-10',
          fulfilsObligation: false,
          issuedBy: 'carla',
        },
      },
    ]);
    expect(await appendedSince(w.project, projectHead)).toMatchObject([
      {
        type: 'FinalAcceptanceRecorded',
        data: { projectId: w.projectId, certificateId: 'fac-cl-north-01' },
      },
    ]);
  });
}
