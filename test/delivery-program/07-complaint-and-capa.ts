import type { ScenarioWorld } from './support';

export function complaintAndCapa(w: ScenarioWorld): void {
  const { created, ok, eventsOf } = w;

  it('8. an H&S complaint: received, acknowledged, assessed (top priority), investigated; a CAPA opened from it, linked, worked to an effective check and closed; the complaint answered and closed', async () => {
    const received = await created(
      `${w.projectUrl}/complaints`,
      {
        receivedOn: '2025-06-03',
        channel: 'email',
        summary: 'Excavation left unfenced overnight next to the school at site N-12',
        customerContactRef: 'crm-contact-8812',
        hsRelated: true,
        effectiveAt: '2025-06-03T08:20:00Z',
      },
      'carla',
    );
    w.complaint = { id: received.id!, streamId: received.streamId };
    const complaintUrl = `${w.projectUrl}/complaints/${w.complaint.id}`;
    await ok(`${complaintUrl}/acknowledgement`, { effectiveAt: '2025-06-03T09:10:00Z' }, 'carla');
    await ok(
      `${complaintUrl}/assessment`,
      { severity: 'high', dueOn: '2025-06-05', effectiveAt: '2025-06-03T14:30:00Z' },
      'carla',
    );
    await ok(
      `${complaintUrl}/investigation`,
      {
        findings: 'The civil crew left before the fencing arrived; no end-of-day check',
        effectiveAt: '2025-06-04T17:00:00Z',
      },
      'carla',
    );

    const opened = await created(
      `${w.projectUrl}/corrective-actions`,
      {
        source: 'complaint',
        sourceRef: w.complaint.id,
        problemStatement: 'Excavations left unsecured at the end of the working day',
        effectiveAt: '2025-06-04T08:00:00Z',
      },
      'carla',
    );
    w.capa = { id: opened.id!, streamId: opened.streamId };
    await ok(
      `${complaintUrl}/corrective-action-link`,
      { capaId: w.capa.id, effectiveAt: '2025-06-04T08:05:00Z' },
      'carla',
    );

    const capaUrl = `${w.projectUrl}/corrective-actions/${w.capa.id}`;
    const criteria = [
      { criterionId: 'no-unsecured-90d', description: 'No unsecured excavation in 90 days' },
      { criterionId: 'checklist-signed', description: 'Close-out checklist signed daily' },
    ];
    await ok(
      `${capaUrl}/containment`,
      {
        actionTaken: 'N-12 fenced that evening; every open excavation checked',
        effectiveAt: '2025-06-04T18:00:00Z',
      },
      'carla',
    );
    await ok(
      `${capaUrl}/root-cause`,
      {
        method: '5-whys',
        statement: 'The civil works procedure has no end-of-day close-out',
        effectiveAt: '2025-06-06T10:00:00Z',
      },
      'carla',
    );
    await created(
      `${capaUrl}/actions`,
      {
        actionId: 'ca-1',
        description: 'Add an end-of-day excavation close-out checklist to the procedure',
        ownerId: 'carla',
        dueOn: '2025-06-20',
        effectiveAt: '2025-06-06T10:30:00Z',
      },
      'carla',
    );
    await ok(
      `${capaUrl}/actions/ca-1/complete`,
      { evidence: 'Civil works procedure rev. 5', effectiveAt: '2025-06-18T15:00:00Z' },
      'carla',
    );
    await ok(
      `${capaUrl}/effectiveness-criteria`,
      { criteria, effectiveAt: '2025-06-19T09:00:00Z' },
      'carla',
    );
    await ok(
      `${capaUrl}/effectiveness-checks`,
      {
        results: criteria.map(({ criterionId }) => ({ criterionId, met: true })),
        effectiveAt: '2025-09-04T09:00:00Z',
      },
      'carla',
    );
    await ok(
      `${capaUrl}/close`,
      {
        note: 'Verified effective after 90 days of spot checks',
        effectiveAt: '2025-09-05T16:00:00Z',
      },
      'carla',
    );

    await ok(
      `${complaintUrl}/response`,
      {
        response: 'Fencing is now checked at every end of day',
        respondedOn: '2025-06-05',
        effectiveAt: '2025-06-05T12:00:00Z',
      },
      'carla',
    );
    await ok(
      `${complaintUrl}/close`,
      { customerSatisfied: true, effectiveAt: '2025-06-06T10:00:00Z' },
      'carla',
    );

    const complaintEvents = await eventsOf(w.complaint.streamId);
    expect(complaintEvents.map((event) => event.type)).toEqual([
      'ComplaintReceived',
      'ComplaintAcknowledged',
      'ComplaintAssessed',
      'ComplaintInvestigated',
      'ComplaintLinkedToCorrectiveAction',
      'ComplaintResponded',
      'ComplaintClosed',
    ]);
    expect(complaintEvents[2]!.data).toMatchObject({
      severity: 'high',
      priority: 'top',
      hsRelated: true,
      assessedOn: '2025-06-03',
      dueOn: '2025-06-05',
      assessedBy: 'carla',
    });
    expect(complaintEvents[4]!.data).toMatchObject({ capaId: w.capa.id, linkedBy: 'carla' });
    expect(complaintEvents[6]!.data).toMatchObject({
      customerSatisfied: true,
      closedBy: 'carla',
    });

    const capaEvents = await eventsOf(w.capa.streamId);
    expect(capaEvents.map((event) => event.type)).toEqual([
      'CorrectiveActionOpened',
      'ContainmentRecorded',
      'RootCauseRecorded',
      'CorrectiveActionAdded',
      'CorrectiveActionCompleted',
      'EffectivenessCriteriaDefined',
      'EffectivenessCheckRecorded',
      'CorrectiveActionClosed',
    ]);
    expect(capaEvents[0]!.data).toMatchObject({
      source: 'complaint',
      sourceRef: w.complaint.id,
      openedBy: 'carla',
    });
    expect(capaEvents[6]!.data).toMatchObject({ checkNumber: 1, effective: true });
  });
}
