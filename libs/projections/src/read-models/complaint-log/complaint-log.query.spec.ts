import { complaintFiguresOf, complaintLogSummaryOf } from './complaint-log.figures';
import type { ComplaintLogEntry, ComplaintLogStatus } from './complaint-log.projection';
import {
  complaintLogAnswerOf,
  complaintLogFilter,
  type ComplaintLogQuery,
} from './complaint-log.query';

const entry = (
  complaintId: string,
  position: number,
  status: ComplaintLogStatus,
  hsRelated: boolean,
): ComplaintLogEntry => ({
  _id: complaintId,
  position,
  complaintId,
  projectId: 'p1',
  receivedOn: '2026-02-01',
  channel: 'email',
  summary: 'noise at night',
  customerContactRef: 'crm-1',
  hsRelated,
  receivedBy: 'quinn',
  status,
  acknowledgedAt: null,
  severity: 'medium',
  priority: hsRelated ? 'top' : 'medium',
  assessedOn: '2026-02-02',
  dueOn: '2026-02-20',
  investigatedAt: null,
  respondedOn: null,
  closedOn: status === 'closed' ? '2026-02-10' : null,
  customerSatisfied: status === 'closed' ? true : null,
  closeNote: null,
  reopenCount: 0,
  lastReopenReason: null,
  capaIds: [],
  lastEventAt: '2026-02-02T10:00:00.000Z',
});

const query: ComplaintLogQuery = { projectId: 'p1', programId: 'g1', asOf: '2026-03-01' };

describe('complaint log query', () => {
  it('asks the store for the project, narrowed by status when given', () => {
    expect(complaintLogFilter(query)).toEqual({ projectId: 'p1' });
    expect(complaintLogFilter({ ...query, status: 'closed' })).toEqual({
      projectId: 'p1',
      status: 'closed',
    });
  });

  it('answers open complaints first and H&S-related first, without store fields, with figures on asOf', () => {
    const closed = entry('c1', 3, 'closed', true);
    const routine = entry('c2', 8, 'assessed', false);
    const hs = entry('c3', 5, 'assessed', true);
    const answer = complaintLogAnswerOf([closed, routine, hs], query, 4);
    expect(answer.complaints.map((complaint) => complaint.complaintId)).toEqual(['c3', 'c2', 'c1']);
    const { _id, position, ...first } = hs;
    expect(answer).toEqual({
      projectId: 'p1',
      programId: 'g1',
      asOf: '2026-03-01',
      summary: complaintLogSummaryOf([closed, routine, hs], '2026-03-01'),
      complaints: [
        { ...first, ...complaintFiguresOf(hs, '2026-03-01') },
        expect.objectContaining({ complaintId: 'c2' }),
        expect.objectContaining({ complaintId: 'c1' }),
      ],
      position: 8,
    });
    expect([_id, position]).toEqual(['c3', 5]);
  });

  it('leaves the documents it was given in their order', () => {
    const entries = [entry('c1', 3, 'closed', false), entry('c2', 4, 'assessed', false)];
    complaintLogAnswerOf(entries, query, 0);
    expect(entries.map((complaint) => complaint.complaintId)).toEqual(['c1', 'c2']);
  });

  it('answers its fields in the documented order (the JSON body is compared byte for byte)', () => {
    expect(Object.keys(complaintLogAnswerOf([], query, 9))).toEqual([
      'projectId',
      'programId',
      'asOf',
      'summary',
      'complaints',
      'position',
    ]);
  });
});
