import { handoverReadinessOf } from './handover-readiness.figures';
import type { HandoverReadiness } from './handover-readiness.projection';
import {
  handoverReadinessAnswerOf,
  handoverReadinessFilter,
  type HandoverReadinessQuery,
} from './handover-readiness.query';

const handover = (handoverId: string, position: number): HandoverReadiness => ({
  _id: handoverId,
  position,
  handoverId,
  projectId: 'p1',
  kind: 'sell-to-execute',
  status: 'initiated',
  items: [
    {
      id: 'i1',
      title: 'As-built drawings',
      mandatory: true,
      state: 'open',
      evidence: null,
      submittedBy: null,
      submittedAt: null,
      reviewedBy: null,
      reviewedAt: null,
      reviewNote: null,
      rejectionReason: null,
      condition: null,
    },
  ],
  initiatedBy: 'dana',
  initiatedAt: '2026-02-01T10:00:00.000Z',
  senderAuthority: 'project-manager',
  accountable: 'dana',
  approvedBy: null,
  approvedAt: null,
  receiverAuthority: null,
  approvalNote: null,
  rejectedBy: null,
  rejectedAt: null,
  rejectionReason: null,
  lastEventAt: '2026-02-01T10:00:00.000Z',
});

const query: HandoverReadinessQuery = { projectId: 'p1', programId: 'g1', asOf: '2026-02-11' };

describe('handover readiness query', () => {
  it('asks the store for the project, narrowed by kind and status when given', () => {
    expect(handoverReadinessFilter(query)).toEqual({ projectId: 'p1' });
    expect(
      handoverReadinessFilter({ ...query, kind: 'delivery-to-care', status: 'approved' }),
    ).toEqual({
      projectId: 'p1',
      kind: 'delivery-to-care',
      status: 'approved',
    });
  });

  it('answers the handovers in the order found, without store fields, with their readiness on asOf', () => {
    const handovers = [handover('h2', 3), handover('h1', 2)];
    const { _id, position, ...first } = handovers[0]!;
    expect(handoverReadinessAnswerOf(handovers, query, 1)).toEqual({
      projectId: 'p1',
      programId: 'g1',
      asOf: '2026-02-11',
      handovers: [
        { ...first, readiness: handoverReadinessOf(handovers[0]!, '2026-02-11') },
        expect.objectContaining({ handoverId: 'h1' }),
      ],
      position: 3,
    });
    expect(handoverReadinessOf(handovers[0]!, '2026-02-11').ageDays).toBe(10);
    expect([_id, position]).toEqual(['h2', 3]);
  });

  it('states the position served when no handover is newer', () => {
    expect(handoverReadinessAnswerOf([handover('h1', 2)], query, 7).position).toBe(7);
  });

  it('answers its fields in the documented order (the JSON body is compared byte for byte)', () => {
    expect(Object.keys(handoverReadinessAnswerOf([], query, 9))).toEqual([
      'projectId',
      'programId',
      'asOf',
      'handovers',
      'position',
    ]);
  });
});
