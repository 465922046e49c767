import { eur, type ScenarioWorld } from './support';

export function risks(w: ScenarioWorld): void {
  const { created, ok, eventsOf } = w;

  it('6. risks: a threat raised, assessed (score, negative EMV), owned and mitigated; an opportunity raised and assessed (positive EMV)', async () => {
    const threatBody = {
      kind: 'threat',
      title: 'Late delivery of radio units',
      cause: 'A single supplier for the AAU radio units',
      event: 'Radio units arrive after the rollout window opens',
      effect: 'Site integration slips by up to three weeks',
      category: 'supply-chain',
    };
    const raisedThreat = await created(`${w.projectUrl}/risks`, threatBody, 'carla');
    w.threat = { id: raisedThreat.id!, streamId: raisedThreat.streamId };
    const threatUrl = `${w.projectUrl}/risks/${w.threat.id}`;
    await ok(
      `${threatUrl}/assessment`,
      { probability: 3, impact: 4, costImpact: eur(15_000_000), scheduleDays: 21 },
      'carla',
    );
    await ok(`${threatUrl}/owner`, { ownerId: 'lars' }, 'carla');
    await ok(
      `${threatUrl}/response`,
      {
        strategy: 'mitigate',
        description: 'Qualify a second supplier and pull the first twelve units forward',
        contingencyReserve: eur(5_000_000),
      },
      'carla',
    );
    const threatEvents = await eventsOf(w.threat.streamId);
    expect(threatEvents.map((event) => event.type)).toEqual([
      'RiskRaised',
      'RiskAssessed',
      'RiskOwnerAssigned',
      'RiskResponsePlanned',
    ]);
    const [raised, assessed, owned, planned] = threatEvents.map((event) => event.data);
    expect(raised).toMatchObject({
      riskId: w.threat.id,
      projectId: w.projectId,
      ...threatBody,
      raisedBy: 'carla',
    });
    expect(assessed).toMatchObject({
      probability: 3,
      probabilityPercent: 50,
      impact: 4,
      score: 12,
      costImpact: eur(15_000_000),
      expectedMonetaryValue: eur(-7_500_000),
      assessedBy: 'carla',
    });
    expect(owned).toMatchObject({ ownerId: 'lars', previousOwnerId: null, assignedBy: 'carla' });
    expect(planned).toMatchObject({
      strategy: 'mitigate',
      contingencyReserve: eur(5_000_000),
      ownerId: 'lars',
      authority: 'project-manager',
    });

    const raisedOpportunity = await created(
      `${w.projectUrl}/risks`,
      {
        kind: 'opportunity',
        title: 'Share towers with the customer’s fixed-wireless rollout',
        cause: 'The customer builds fixed-wireless access in the same villages',
        event: 'Both rollouts agree to share eight towers',
        effect: 'Fewer civil works and leases for us',
        category: 'commercial',
      },
      'carla',
    );
    w.opportunity = { id: raisedOpportunity.id!, streamId: raisedOpportunity.streamId };
    await ok(
      `${w.projectUrl}/risks/${w.opportunity.id}/assessment`,
      { probability: 2, impact: 3, costImpact: eur(4_000_000) },
      'carla',
    );
    expect(await eventsOf(w.opportunity.streamId)).toMatchObject([
      { type: 'RiskRaised', data: { kind: 'opportunity' } },
      {
        type: 'RiskAssessed',
        data: { score: 6, probabilityPercent: 30, expectedMonetaryValue: eur(1_200_000) },
      },
    ]);
  });

  it('6b. the mitigation works: the threat is reassessed (residual) and draws on its contingency; the opportunity is closed, no longer relevant', async () => {
    const threatUrl = `${w.projectUrl}/risks/${w.threat.id}`;
    await ok(
      `${threatUrl}/residual-assessment`,
      {
        probability: 1,
        impact: 4,
        costImpact: eur(15_000_000),
        scheduleDays: 7,
        nextReviewOn: '2025-07-15',
        effectiveAt: '2025-04-15T09:00:00Z',
      },
      'carla',
    );
    const draw = {
      amount: eur(2_000_000),
      reason: 'Air freight for the first twelve radio units',
    };
    await ok(`${threatUrl}/contingency-draws`, draw, 'carla');
    const closure = {
      reason: 'no-longer-relevant',
      note: 'The customer builds its fixed-wireless towers itself',
    };
    await ok(`${w.projectUrl}/risks/${w.opportunity.id}/close`, closure, 'carla');

    expect((await eventsOf(w.threat.streamId)).slice(4)).toMatchObject([
      {
        type: 'ResidualRiskAssessed',
        data: {
          score: 4,
          probabilityPercent: 10,
          expectedMonetaryValue: eur(-1_500_000),
          nextReviewOn: '2025-07-15',
        },
      },
      { type: 'ContingencyDrawn', data: { ...draw, remainingReserve: eur(3_000_000) } },
    ]);
    expect((await eventsOf(w.opportunity.streamId)).slice(2)).toMatchObject([
      { type: 'RiskClosed', data: { ...closure, closedBy: 'carla' } },
    ]);
  });
}
