import { acceptanceTrackerSummaryOf, acceptanceWarrantyOf } from './acceptance-tracker.figures';
import type { AcceptanceTrackerEntry } from './acceptance-tracker.projection';
import {
  acceptanceTrackerAnswerOf,
  acceptanceTrackerFilter,
  type AcceptanceTrackerQuery,
} from './acceptance-tracker.query';

const entry = (acceptanceId: string, position: number): AcceptanceTrackerEntry => ({
  _id: acceptanceId,
  position,
  acceptanceId,
  projectId: 'p1',
  object: { kind: 'site', ref: 'SITE-1', title: 'Site 1' },
  obligation: null,
  warrantyMonths: 12,
  status: 'provisionally-accepted',
  openedBy: 'carla',
  openedAt: `2026-02-0${position}T10:00:00.000Z`,
  tests: [],
  latestResult: 'passed',
  punchItems: [],
  openPunchItems: { A: 0, B: 1 },
  pac: {
    certificateId: `pac-${acceptanceId}`,
    issuedOn: '2026-03-01',
    fulfilsObligation: false,
    warrantyStartsOn: '2026-03-01',
    warrantyEndsOn: '2027-03-01',
    reservations: 1,
  },
  fac: null,
  rejections: [],
  lastEventAt: '2026-03-01T10:00:00.000Z',
});

const query: AcceptanceTrackerQuery = { projectId: 'p1', programId: 'g1', asOf: '2027-04-01' };

describe('acceptance tracker query', () => {
  it('asks the store for the project, narrowed by status and object kind when given', () => {
    expect(acceptanceTrackerFilter(query)).toEqual({ projectId: 'p1' });
    expect(acceptanceTrackerFilter({ ...query, status: 'open', objectKind: 'site' })).toEqual({
      projectId: 'p1',
      status: 'open',
      'object.kind': 'site',
    });
  });

  it('answers the acceptances in the order found, each without store fields and with its warranty on asOf', () => {
    const entries = [entry('a2', 7), entry('a1', 3)];
    const { _id, position, ...item } = entries[0]!;
    const answer = acceptanceTrackerAnswerOf(entries, query, 5);
    expect(answer).toEqual({
      projectId: 'p1',
      programId: 'g1',
      asOf: '2027-04-01',
      summary: acceptanceTrackerSummaryOf(entries, '2027-04-01'),
      acceptances: [
        { ...item, warranty: acceptanceWarrantyOf(entries[0]!, '2027-04-01') },
        expect.objectContaining({ acceptanceId: 'a1' }),
      ],
      position: 7,
    });
    expect(answer.acceptances[0]?.warranty.warrantyElapsed).toBe(true);
    expect(_id).toBe('a2');
    expect(position).toBe(7);
  });

  it('states the position served when no acceptance is newer (or none is found)', () => {
    expect(acceptanceTrackerAnswerOf([entry('a1', 3)], query, 9).position).toBe(9);
    expect(acceptanceTrackerAnswerOf([], query, 9)).toMatchObject({ acceptances: [], position: 9 });
  });

  it('answers its fields in the documented order (the JSON body is compared byte for byte)', () => {
    expect(Object.keys(acceptanceTrackerAnswerOf([], query, 9))).toEqual([
      'projectId',
      'programId',
      'asOf',
      'summary',
      'acceptances',
      'position',
    ]);
  });
});
