import { eur, sellToExecuteItems, deliveryToCareItems, type ScenarioWorld } from './support';

export function riskHandoverAndAcceptanceReadModels(w: ScenarioWorld): void {
  const { lastOf, asOf, read, effectiveAtOf, recordedAtOf } = w;

  it('13d. risk register and program exposure: the open threat at its residual exposure (review overdue by the FAC), the closed opportunity out of the EMV', async () => {
    const head = await w.t.store.headPosition();
    const grid = (probability = 0, impact = 0) =>
      Array.from({ length: 5 }, (_, row) =>
        Array.from({ length: 5 }, (__, column) =>
          row === probability - 1 && column === impact - 1 ? 1 : 0,
        ),
      );
    const threatItem = {
      riskId: w.threat.id,
      projectId: w.projectId,
      kind: 'threat',
      category: 'supply-chain',
      title: 'Late delivery of radio units',
      cause: 'A single supplier for the AAU radio units',
      event: 'Radio units arrive after the rollout window opens',
      effect: 'Site integration slips by up to three weeks',
      raisedBy: 'carla',
      status: 'open',
      closeReason: null,
      ownerId: 'lars',
      response: {
        strategy: 'mitigate',
        description: 'Qualify a second supplier and pull the first twelve units forward',
        contingencyReserve: eur(5_000_000),
      },
      contingencyDrawn: eur(2_000_000),
      inherent: {
        probability: 3,
        probabilityPercent: 50,
        impact: 4,
        score: 12,
        costImpact: eur(15_000_000),
        scheduleDays: 21,
        expectedMonetaryValue: eur(-7_500_000),
        assessedBy: 'carla',
        assessedAt: await recordedAtOf(w.threat.streamId, 'RiskAssessed'),
      },
      residual: {
        probability: 1,
        probabilityPercent: 10,
        impact: 4,
        score: 4,
        costImpact: eur(15_000_000),
        scheduleDays: 7,
        expectedMonetaryValue: eur(-1_500_000),
        assessedBy: 'carla',
        assessedAt: await recordedAtOf(w.threat.streamId, 'ResidualRiskAssessed'),
      },
      nextReviewOn: '2025-07-15',
      escalation: null,
      actions: [],
      occurrence: null,
      raisedAt: await recordedAtOf(w.threat.streamId, 'RiskRaised'),
      lastEventAt: (await lastOf(w.threat.streamId)).recordedAt,
      score: 4,
      reviewOverdue: true,
      openActions: 0,
      overdueActions: 0,
      contingencyRemaining: eur(3_000_000),
    };
    const opportunityItem = {
      riskId: w.opportunity.id,
      projectId: w.projectId,
      kind: 'opportunity',
      category: 'commercial',
      title: 'Share towers with the customer’s fixed-wireless rollout',
      cause: 'The customer builds fixed-wireless access in the same villages',
      event: 'Both rollouts agree to share eight towers',
      effect: 'Fewer civil works and leases for us',
      raisedBy: 'carla',
      status: 'closed',
      closeReason: 'no-longer-relevant',
      ownerId: null,
      response: null,
      contingencyDrawn: null,
      inherent: {
        probability: 2,
        probabilityPercent: 30,
        impact: 3,
        score: 6,
        costImpact: eur(4_000_000),
        scheduleDays: null,
        expectedMonetaryValue: eur(1_200_000),
        assessedBy: 'carla',
        assessedAt: await recordedAtOf(w.opportunity.streamId, 'RiskAssessed'),
      },
      residual: null,
      nextReviewOn: null,
      escalation: null,
      actions: [],
      occurrence: null,
      raisedAt: await recordedAtOf(w.opportunity.streamId, 'RiskRaised'),
      lastEventAt: (await lastOf(w.opportunity.streamId)).recordedAt,
      score: 6,
      reviewOverdue: false,
      openActions: 0,
      overdueActions: 0,
      contingencyRemaining: null,
    };
    // Only open risks count in the heat maps and the EMV; closed ones not in the contingency.
    const summary = {
      counts: { total: 2, open: 1, occurred: 0, closed: 1, unassessed: 0, escalated: 0 },
      heatMap: {
        threat: { inherent: grid(3, 4), residual: grid(1, 4) },
        opportunity: { inherent: grid(), residual: grid() },
      },
      emv: [
        {
          currency: 'EUR',
          threat: { inherent: eur(-7_500_000), residual: eur(-1_500_000) },
          opportunity: { inherent: eur(0), residual: eur(0) },
          net: { inherent: eur(-7_500_000), residual: eur(-1_500_000) },
        },
      ],
      overdue: { reviews: 1, actions: 0, risksWithOverdueActions: 0 },
      contingency: [
        {
          currency: 'EUR',
          reserve: eur(5_000_000),
          drawn: eur(2_000_000),
          remaining: eur(3_000_000),
        },
      ],
    };
    expect(await read(`${w.projectUrl}/risks?asOf=${asOf}`)).toEqual({
      projectId: w.projectId,
      programId: w.programId,
      asOf,
      summary,
      // Highest current score first: the opportunity (6) before the mitigated threat (4).
      items: [opportunityItem, threatItem],
      total: 2,
      position: head,
    });
    expect(await read(`/api/programs/${w.programId}/risk-exposure?asOf=${asOf}`)).toEqual({
      programId: w.programId,
      name: 'RAN modernisation, region North',
      asOf,
      summary,
      projects: [{ projectId: w.projectId, name: 'North RAN cluster swap', summary }],
      position: head,
    });
    // Before the review date nothing is overdue.
    const early = await read<{ summary: typeof summary; items: { reviewOverdue: boolean }[] }>(
      `${w.projectUrl}/risks?asOf=2025-07-01`,
    );
    expect(early.summary.overdue).toEqual({ reviews: 0, actions: 0, risksWithOverdueActions: 0 });
    expect(early.items.map((item) => item.reviewOverdue)).toEqual([false, false]);
  });

  it('13e. handover readiness (both approved, every mandatory item accepted) and the acceptance tracker (finally accepted, nothing open)', async () => {
    const head = await w.t.store.headPosition();
    /** The checklist as handed over: every item but the optional stakeholder map accepted. */
    const itemsOf = (
      checklist: readonly { id: string; title: string; mandatory: boolean }[],
      by: {
        ref: string;
        submittedBy: string;
        submittedAt: string;
        reviewedBy: string;
        reviewedAt: string;
        reviewNote: string | null;
      },
    ) =>
      checklist.map(({ id, title, mandatory }) =>
        id === 'stakeholder-map'
          ? {
              id,
              title,
              mandatory,
              state: 'open',
              evidence: null,
              submittedBy: null,
              submittedAt: null,
              reviewedBy: null,
              reviewedAt: null,
              reviewNote: null,
              rejectionReason: null,
              condition: null,
            }
          : {
              id,
              title,
              mandatory,
              state: 'accepted',
              evidence: { ref: `${by.ref}${id}`, note: null },
              submittedBy: by.submittedBy,
              submittedAt: by.submittedAt,
              reviewedBy: by.reviewedBy,
              reviewedAt: by.reviewedAt,
              reviewNote: by.reviewNote,
              rejectionReason: null,
              condition: null,
            },
      );
    const sellToExecuteView = {
      handoverId: w.sellToExecute.id,
      projectId: w.projectId,
      kind: 'sell-to-execute',
      status: 'approved',
      items: itemsOf(sellToExecuteItems, {
        ref: 'dms://north-ran/',
        submittedBy: 'sam',
        submittedAt: '2024-09-20T10:00:00.000Z',
        reviewedBy: 'carla',
        reviewedAt: '2024-10-02T11:00:00.000Z',
        reviewNote: 'Reviewed with sales',
      }),
      initiatedBy: 'sam',
      initiatedAt: '2024-09-17T09:00:00.000Z',
      senderAuthority: 'sales',
      accountable: 'carla',
      approvedBy: 'carla',
      approvedAt: '2024-10-04T16:00:00.000Z',
      receiverAuthority: 'project-manager',
      approvalNote: 'Complete; LD clause noted',
      rejectedBy: null,
      rejectedAt: null,
      rejectionReason: null,
      lastEventAt: '2024-10-04T16:00:00.000Z',
      // The optional stakeholder map was never handed over: it blocks nothing.
      readiness: {
        mandatoryItems: 10,
        mandatoryAccepted: 10,
        mandatoryAcceptedPct: 100,
        blockingItems: [],
        ageDays: 17,
        holder: { side: 'receiver', personId: 'carla', role: 'project-manager' },
      },
    };
    const deliveryToCareView = {
      handoverId: w.deliveryToCare.id,
      projectId: w.projectId,
      kind: 'delivery-to-care',
      status: 'approved',
      items: itemsOf(deliveryToCareItems, {
        ref: 'dms://north-ran/care/',
        submittedBy: 'carla',
        submittedAt: '2025-10-20T10:00:00.000Z',
        reviewedBy: 'cora',
        reviewedAt: '2025-10-30T14:00:00.000Z',
        reviewNote: null,
      }),
      initiatedBy: 'carla',
      initiatedAt: '2025-10-13T09:00:00.000Z',
      senderAuthority: 'project-manager',
      accountable: 'cora',
      approvedBy: 'cora',
      approvedAt: '2025-11-03T15:00:00.000Z',
      receiverAuthority: 'care',
      approvalNote: 'Care runs the cluster',
      rejectedBy: null,
      rejectedAt: null,
      rejectionReason: null,
      lastEventAt: '2025-11-03T15:00:00.000Z',
      readiness: {
        mandatoryItems: 9,
        mandatoryAccepted: 9,
        mandatoryAcceptedPct: 100,
        blockingItems: [],
        ageDays: 21,
        holder: { side: 'receiver', personId: 'cora', role: 'care' },
      },
    };
    expect(await read(`${w.projectUrl}/handovers?asOf=${asOf}`)).toEqual({
      projectId: w.projectId,
      programId: w.programId,
      asOf,
      handovers: [sellToExecuteView, deliveryToCareView],
      position: head,
    });

    const acceptance = {
      acceptanceId: w.acceptanceId,
      projectId: w.projectId,
      object: {
        kind: 'cluster',
        ref: 'CL-NORTH-01',
        title: 'North RAN cluster with arena cells',
      },
      obligation: { contractId: w.contractId, obligationId: w.obligationId, fulfilledBy: 'pac' },
      warrantyMonths: 12,
      status: 'finally-accepted',
      openedBy: 'carla',
      openedAt: await effectiveAtOf(w.acceptanceStream, 'AcceptanceOpened'),
      tests: [
        {
          testId: 'sat-1',
          scheduledOn: '2025-09-22',
          result: 'passed',
          resultRecordedAt: await effectiveAtOf(w.acceptanceStream, 'AcceptanceTestResultRecorded'),
        },
      ],
      latestResult: 'passed',
      punchItems: [
        {
          itemId: 'pi-a',
          severity: 'A',
          description: 'Mast grounding missing, N-17',
          raisedAt: await effectiveAtOf(w.acceptanceStream, 'PunchItemRaised', 0),
          clearedAt: await effectiveAtOf(w.acceptanceStream, 'PunchItemCleared', 0),
        },
        {
          itemId: 'pi-b',
          severity: 'B',
          description: 'Cabinet labels faded, N-03',
          raisedAt: await effectiveAtOf(w.acceptanceStream, 'PunchItemRaised', 1),
          clearedAt: await effectiveAtOf(w.acceptanceStream, 'PunchItemCleared', 1),
        },
      ],
      openPunchItems: { A: 0, B: 0 },
      pac: {
        certificateId: 'pac-cl-north-01',
        issuedOn: '2025-10-10',
        fulfilsObligation: true,
        warrantyStartsOn: '2025-10-10',
        warrantyEndsOn: '2026-10-10',
        reservations: 1,
      },
      fac: { certificateId: 'fac-cl-north-01', issuedOn: '2026-10-12', fulfilsObligation: false },
      rejections: [],
      lastEventAt: await effectiveAtOf(w.acceptanceStream, 'FinalAcceptanceCertificateIssued'),
    };
    const summary = {
      total: 1,
      byStatus: { open: 0, 'provisionally-accepted': 0, 'finally-accepted': 1 },
      openPunchItems: { A: 0, B: 0 },
      blockedByPunchItems: 0,
      finalAcceptanceDue: 0,
    };
    expect(await read(`${w.projectUrl}/acceptances?asOf=${asOf}`)).toEqual({
      projectId: w.projectId,
      programId: w.programId,
      asOf,
      summary,
      acceptances: [
        { ...acceptance, warranty: { warrantyElapsed: true, finalAcceptanceDue: false } },
      ],
      position: head,
    });
    expect(await read(`${w.projectUrl}/acceptances?asOf=2026-06-01`)).toMatchObject({
      summary,
      acceptances: [{ warranty: { warrantyElapsed: false, finalAcceptanceDue: false } }],
    });
  });
}
