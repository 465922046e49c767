import type { CommandMeta } from '@ledger/domain';
import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { projectAggregate } from '@ledger/domain';
import { handoverReactions } from './handover.reactions';
import { projectRecordsHandoverOutcome } from './project-records-handover-outcome.reaction';
import { recordedEvent } from './recorded-event.spec-fixtures';

const meta: CommandMeta = {
  actor: { sub: 'carla', roles: ['project-manager'] },
  now: '2026-03-02T09:00:00.000Z',
  effectiveAt: '2026-03-01T12:00:00.000Z',
};

const recorded = (type: string, data: JsonObject): RecordedEvent =>
  recordedEvent(type, data, { streamId: 'handover-h1', revision: 4, position: 42, meta });

const approvalData = { handoverId: 'h1', projectId: 'prj1', kind: 'sell-to-execute' };

describe('reaction project-records-handover-outcome', () => {
  it('is registered among the handover reactions, under its stable name', () => {
    expect(handoverReactions).toContain(projectRecordsHandoverOutcome);
    expect(projectRecordsHandoverOutcome.name).toBe('project-records-handover-outcome');
    expect([...projectRecordsHandoverOutcome.on].sort()).toEqual([
      'HandoverApproved',
      'HandoverConditionallyApproved',
    ]);
  });

  it('HandoverApproved → RecordHandoverOutcome "approved" on the project stream', () => {
    const followUps = projectRecordsHandoverOutcome.react(
      recorded('HandoverApproved', { ...approvalData, approvedBy: 'carla' }),
    );
    expect(followUps).toHaveLength(1);
    const [followUp] = followUps;
    expect(followUp!.aggregate).toBe(projectAggregate);
    expect(followUp!.streamId).toBe('project-prj1');
    expect(followUp!.build(meta)).toEqual({
      type: 'RecordHandoverOutcome',
      data: { handoverId: 'h1', kind: 'sell-to-execute', outcome: 'approved' },
      meta,
    });
  });

  it('HandoverConditionallyApproved → outcome "conditionally-approved", kind carried over', () => {
    const [followUp] = projectRecordsHandoverOutcome.react(
      recorded('HandoverConditionallyApproved', {
        ...approvalData,
        kind: 'delivery-to-care',
        conditions: [],
      }),
    );
    expect(followUp!.streamId).toBe('project-prj1');
    expect(followUp!.build(meta)).toEqual({
      type: 'RecordHandoverOutcome',
      data: { handoverId: 'h1', kind: 'delivery-to-care', outcome: 'conditionally-approved' },
      meta,
    });
  });

  it.each([
    ['HandoverRejected', approvalData],
    ['HandoverItemAccepted', approvalData],
    ['HandoverApproved', { ...approvalData, projectId: 7 }],
    ['HandoverApproved', { ...approvalData, kind: 'sideways' }],
  ])('%s with %j causes nothing', (type, data) => {
    expect(projectRecordsHandoverOutcome.react(recorded(type, data))).toEqual([]);
  });

  it('the follow-up the decider receives is one it accepts (the names match the project domain)', () => {
    const [followUp] = projectRecordsHandoverOutcome.react(
      recorded('HandoverApproved', approvalData),
    );
    const created = projectAggregate.decider.evolve(projectAggregate.decider.initialState, {
      type: 'ProjectCreated',
      data: {
        projectId: 'prj1',
        programId: 'pg1',
        contractId: 'ct1',
        name: 'Metro fibre',
        createdBy: 'paula',
      },
    });
    const command = followUp!.build(meta) as Parameters<typeof projectAggregate.decider.decide>[0];
    expect(projectAggregate.decider.decide(command, created)).toEqual([
      {
        type: 'HandoverOutcomeRecorded',
        data: {
          projectId: 'prj1',
          handoverId: 'h1',
          kind: 'sell-to-execute',
          outcome: 'approved',
          recordedBy: 'carla',
        },
      },
    ]);
  });
});
