import { commandBuilder, deciderSpec, metaAt } from '@ledger/testing';
import {
  exposureHoursDecider,
  exposureHoursStreamId,
  type ExposureHoursCommand,
  type ExposureHoursEvent,
} from '.';

const meta = metaAt({ sub: 'ivy', roles: ['integration'] }, '2026-04-02T06:00:00.000Z');
const spec = deciderSpec(exposureHoursDecider);
const by = { authority: 'integration' as const };

const cmd = commandBuilder<ExposureHoursCommand>(meta);

const recordData = {
  projectId: 'prj1',
  entryId: 'e1',
  siteId: 'site-7',
  periodId: '2026-03',
  hours: 1200,
};
const recorded: ExposureHoursEvent = {
  type: 'ExposureHoursRecorded',
  data: { ...recordData, recordedBy: 'ivy', ...by },
};
const correctData = {
  projectId: 'prj1',
  entryId: 'e2',
  correctsEntryId: 'e1',
  hours: 1250,
  reason: 'Late subcontractor timesheets',
};
const corrected: ExposureHoursEvent = {
  type: 'ExposureHoursCorrected',
  data: {
    projectId: 'prj1',
    entryId: 'e2',
    correctsEntryId: 'e1',
    siteId: 'site-7',
    periodId: '2026-03',
    previousHours: 1200,
    hours: 1250,
    reason: 'Late subcontractor timesheets',
    correctedBy: 'ivy',
    ...by,
  },
};

describe('Exposure hours decider', () => {
  it('keeps one exposure stream per project', () => {
    expect(exposureHoursStreamId('prj1')).toBe('exposure-prj1');
  });

  describe('RecordExposureHours', () => {
    const record = (overrides: Partial<typeof recordData> = {}) =>
      cmd('RecordExposureHours', { ...recordData, ...overrides });
    it('records whole hours per site and month', () => {
      spec.given([]).when(record()).then([recorded]);
    });
    it('records zero hours for an idle month', () => {
      spec
        .given([recorded])
        .when(record({ entryId: 'e3', periodId: '2026-02', hours: 0 }))
        .thenEvents((events) =>
          expect(events[0]?.data).toMatchObject({ hours: 0, periodId: '2026-02' }),
        );
    });
    it('records the month in progress', () => {
      spec
        .given([])
        .when(record({ periodId: '2026-04' }))
        .thenEvents((events) => expect(events).toHaveLength(1));
    });
    it('refuses a second record for the same site and month: correct it instead', () => {
      const error = spec
        .given([recorded])
        .when(record({ entryId: 'e3' }))
        .thenFails('exposure-period-already-recorded');
      expect(error.details).toEqual({ entryId: 'e1' });
    });
    it('refuses negative or fractional hours', () => {
      spec
        .given([])
        .when(record({ hours: -1 }))
        .thenFails('exposure-hours-invalid');
      spec
        .given([])
        .when(record({ hours: 7.5 }))
        .thenFails('exposure-hours-invalid');
    });
    it('refuses a period that is not a calendar month', () => {
      spec
        .given([])
        .when(record({ periodId: '2026-13' }))
        .thenFails('exposure-period-invalid');
      spec
        .given([])
        .when(record({ periodId: '2026-Q1' }))
        .thenFails('exposure-period-invalid');
    });
    it('refuses a month that has not started', () => {
      spec
        .given([])
        .when(record({ periodId: '2026-05' }))
        .thenFails('exposure-period-in-the-future');
    });
    it('refuses an entry id used before', () => {
      spec
        .given([recorded])
        .when(record({ periodId: '2026-02' }))
        .thenFails('exposure-entry-already-exists');
    });
    it('refuses hours of another project in this stream', () => {
      spec
        .given([recorded])
        .when(record({ projectId: 'prj2', entryId: 'e3' }))
        .thenFails('exposure-project-mismatch');
    });
    it('refuses an actor without a role that may record hours', () => {
      const care = { ...meta, actor: { sub: 'eve', roles: ['care' as const] } };
      spec
        .given([])
        .when(cmd('RecordExposureHours', recordData, care))
        .thenFails('role-required');
    });
  });

  describe('CorrectExposureHours', () => {
    const correct = (overrides: Partial<typeof correctData> = {}) =>
      cmd('CorrectExposureHours', { ...correctData, ...overrides });
    it('corrects an entry with a new one naming it and the reason', () => {
      spec.given([recorded]).when(correct()).then([corrected]);
    });
    it('makes the correction the entry that stands for the period', () => {
      spec
        .given([recorded, corrected])
        .when(correct({ entryId: 'e3', correctsEntryId: 'e2', hours: 1240 }))
        .thenEvents((events) =>
          expect(events[0]?.data).toMatchObject({ correctsEntryId: 'e2', previousHours: 1250 }),
        );
    });
    it('refuses to correct an entry that was already corrected', () => {
      const error = spec
        .given([recorded, corrected])
        .when(correct({ entryId: 'e3' }))
        .thenFails('exposure-entry-superseded');
      expect(error.details).toEqual({ currentEntryId: 'e2' });
    });
    it('refuses a correction without a reason', () => {
      spec
        .given([recorded])
        .when(correct({ reason: '' }))
        .thenFails('correction-reason-required');
    });
    it('refuses a correction that changes nothing', () => {
      spec
        .given([recorded])
        .when(correct({ hours: 1200 }))
        .thenFails('exposure-correction-unchanged');
    });
    it('refuses an unknown entry', () => {
      spec.given([]).when(correct()).thenFails('exposure-entry-not-found');
    });
    it('refuses fractional corrected hours', () => {
      spec
        .given([recorded])
        .when(correct({ hours: 1250.5 }))
        .thenFails('exposure-hours-invalid');
    });
    it('refuses a correcting entry id used before', () => {
      spec
        .given([recorded])
        .when(correct({ entryId: 'e1' }))
        .thenFails('exposure-entry-already-exists');
    });
  });
});
