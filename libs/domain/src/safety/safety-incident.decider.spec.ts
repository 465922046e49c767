import { commandBuilder, deciderSpec, metaAt } from '@ledger/testing';
import {
  safetyIncidentDecider,
  safetyIncidentStreamId,
  type IncidentClassification,
  type SafetyIncidentCommand,
  type SafetyIncidentEvent,
} from '.';

const meta = metaAt({ sub: 'carol', roles: ['project-manager'] }, '2026-03-10T12:00:00.000Z');
const spec = deciderSpec(safetyIncidentDecider);
const ref = { incidentId: 'inc1', projectId: 'prj1', siteId: 'site-7' };
const by = { authority: 'project-manager' as const };

const cmd = commandBuilder<SafetyIncidentCommand>(meta);

const reportData = {
  ...ref,
  occurredAt: '2026-03-09T14:30:00+01:00',
  description: 'Ladder slipped during antenna alignment',
  personRefs: ['emp-1042'],
};
const reported: SafetyIncidentEvent = {
  type: 'SafetyIncidentReported',
  data: { ...reportData, reportedBy: 'carol', ...by },
};
const classified = (classification: IncidentClassification): SafetyIncidentEvent => ({
  type: 'SafetyIncidentClassified',
  data: {
    ...ref,
    classification,
    recordable: ['fatality', 'lost-time-injury', 'restricted-work', 'medical-treatment'].includes(
      classification,
    ),
    lostTimeInjury: classification === 'fatality' || classification === 'lost-time-injury',
    classifiedBy: 'carol',
    ...by,
  },
});
const investigated: SafetyIncidentEvent = {
  type: 'SafetyIncidentInvestigated',
  data: {
    ...ref,
    findings: 'Ladder not tied off',
    rootCauseRef: 'capa-9',
    investigatedBy: 'carol',
    ...by,
  },
};
const closed: SafetyIncidentEvent = {
  type: 'SafetyIncidentClosed',
  data: { ...ref, note: null, closedBy: 'carol', ...by },
};
const lostDays = (
  days: number,
  previous: number,
  reason: string | null = null,
): SafetyIncidentEvent => ({
  type: 'LostDaysRecorded',
  data: { ...ref, lostDays: days, previousLostDays: previous, reason, recordedBy: 'carol', ...by },
});

describe('Safety incident decider', () => {
  it('keeps each incident in its own stream', () => {
    expect(safetyIncidentStreamId('inc1')).toBe('incident-inc1');
  });

  describe('ReportSafetyIncident', () => {
    it('records the incident with people as ids only', () => {
      spec.given([]).when(cmd('ReportSafetyIncident', reportData)).then([reported]);
    });
    it('lets anyone on the project report, e.g. a care engineer', () => {
      const care = { ...meta, actor: { sub: 'eve', roles: ['care' as const] } };
      spec
        .given([])
        .when(cmd('ReportSafetyIncident', reportData, care))
        .then([
          {
            type: 'SafetyIncidentReported',
            data: { ...reportData, reportedBy: 'eve', authority: 'care' },
          },
        ]);
    });
    it('never carries medical detail into the event, even when a caller sends it', () => {
      const smuggled = { ...reportData, injury: 'fractured wrist', treatment: 'cast' };
      spec.given([]).when(cmd('ReportSafetyIncident', smuggled)).then([reported]);
    });
    it('refuses a person reference that is not an id, without echoing it', () => {
      const error = spec
        .given([])
        .when(
          cmd('ReportSafetyIncident', {
            ...reportData,
            personRefs: ['emp-1', 'John Smith (broken arm)'],
          }),
        )
        .thenFails('person-ref-must-be-an-id');
      expect(error.message).not.toContain('John');
      expect(error.details).toEqual({ index: 1 });
    });
    it('refuses an incident that occurs after it is reported', () => {
      spec
        .given([])
        .when(cmd('ReportSafetyIncident', { ...reportData, occurredAt: '2026-03-11T08:00:00Z' }))
        .thenFails('incident-in-the-future');
    });
    it('refuses an occurrence time that is not a timestamp with an offset', () => {
      spec
        .given([])
        .when(cmd('ReportSafetyIncident', { ...reportData, occurredAt: '2026-03-09' }))
        .thenFails('invalid-timestamp');
    });
    it('refuses to report the same incident twice', () => {
      spec
        .given([reported])
        .when(cmd('ReportSafetyIncident', reportData))
        .thenFails('incident-already-reported');
    });
    it('refuses an auditor, who only reads', () => {
      const auditor = { ...meta, actor: { sub: 'al', roles: ['auditor' as const] } };
      spec
        .given([])
        .when(cmd('ReportSafetyIncident', reportData, auditor))
        .thenFails('role-required');
    });
  });

  describe('ClassifySafetyIncident', () => {
    it('classifies and computes whether it is recordable and a lost-time injury', () => {
      spec
        .given([reported])
        .when(cmd('ClassifySafetyIncident', { classification: 'restricted-work' }))
        .then([classified('restricted-work')]);
    });
    it('counts a fatality as recordable and as a lost-time injury', () => {
      spec
        .given([reported])
        .when(cmd('ClassifySafetyIncident', { classification: 'fatality' }))
        .thenEvents(([event]) =>
          expect(event?.data).toMatchObject({ recordable: true, lostTimeInjury: true }),
        );
    });
    it('refuses to classify twice: a change is a reclassification', () => {
      spec
        .given([reported, classified('first-aid')])
        .when(cmd('ClassifySafetyIncident', { classification: 'near-miss' }))
        .thenFails('incident-already-classified');
    });
    it('refuses an incident that was never reported', () => {
      spec
        .given([])
        .when(cmd('ClassifySafetyIncident', { classification: 'near-miss' }))
        .thenFails('incident-not-found');
    });
    it('leaves classification to the project manager or the PMO', () => {
      const sales = { ...meta, actor: { sub: 'sam', roles: ['sales' as const] } };
      spec
        .given([reported])
        .when(cmd('ClassifySafetyIncident', { classification: 'near-miss' }, sales))
        .thenFails('role-required');
    });
  });

  describe('ReclassifySafetyIncident', () => {
    const reclassified: SafetyIncidentEvent = {
      type: 'SafetyIncidentReclassified',
      data: {
        ...ref,
        previousClassification: 'first-aid',
        classification: 'lost-time-injury',
        recordable: true,
        lostTimeInjury: true,
        reason: 'Worker stayed off the next shift',
        reclassifiedBy: 'carol',
        ...by,
      },
    };
    const reclassify = (
      reason: string,
      classification: IncidentClassification = 'lost-time-injury',
    ) => cmd('ReclassifySafetyIncident', { classification, reason });
    it('reclassifies with a reason, keeping the previous classification in the event', () => {
      spec
        .given([reported, classified('first-aid')])
        .when(reclassify('Worker stayed off the next shift'))
        .then([reclassified]);
    });
    it('takes a late reclassification after the incident is closed', () => {
      spec
        .given([reported, classified('first-aid'), investigated, closed])
        .when(reclassify('Worker stayed off the next shift'))
        .then([reclassified]);
    });
    it('refuses a reclassification without a reason', () => {
      spec
        .given([reported, classified('first-aid')])
        .when(reclassify(' '))
        .thenFails('reclassification-reason-required');
    });
    it('refuses a reclassification to the same classification', () => {
      spec
        .given([reported, classified('first-aid')])
        .when(reclassify('why', 'first-aid'))
        .thenFails('incident-classification-unchanged');
    });
    it('refuses to reclassify an unclassified incident', () => {
      spec.given([reported]).when(reclassify('why')).thenFails('incident-not-classified');
    });
  });

  describe('RecordLostDays', () => {
    const lti = [reported, classified('lost-time-injury')];
    it('records the total days lost to date on a lost-time injury', () => {
      spec
        .given(lti)
        .when(cmd('RecordLostDays', { lostDays: 3, reason: null }))
        .then([lostDays(3, 0)]);
    });
    it('lowers the total only as a correction with a reason', () => {
      spec
        .given([...lti, lostDays(5, 0)])
        .when(cmd('RecordLostDays', { lostDays: 4, reason: 'Day 5 was a rest day' }))
        .then([lostDays(4, 5, 'Day 5 was a rest day')]);
      spec
        .given([...lti, lostDays(5, 0)])
        .when(cmd('RecordLostDays', { lostDays: 4, reason: null }))
        .thenFails('lost-days-reduction-reason-required');
    });
    it('refuses lost days on an incident that is not a lost-time injury', () => {
      spec
        .given([reported, classified('medical-treatment')])
        .when(cmd('RecordLostDays', { lostDays: 1, reason: null }))
        .thenFails('lost-days-need-lost-time-injury');
    });
    it('refuses a number of days that is not a whole number ≥ 0', () => {
      spec
        .given(lti)
        .when(cmd('RecordLostDays', { lostDays: 1.5, reason: null }))
        .thenFails('lost-days-invalid');
      spec
        .given(lti)
        .when(cmd('RecordLostDays', { lostDays: -1, reason: null }))
        .thenFails('lost-days-invalid');
    });
    it('refuses lost days before the incident is classified', () => {
      spec
        .given([reported])
        .when(cmd('RecordLostDays', { lostDays: 1, reason: null }))
        .thenFails('incident-not-classified');
    });
  });

  describe('InvestigateSafetyIncident', () => {
    const investigate = cmd('InvestigateSafetyIncident', {
      findings: 'Ladder not tied off',
      rootCauseRef: 'capa-9',
    });
    it('records findings and the root-cause reference', () => {
      spec
        .given([reported, classified('first-aid')])
        .when(investigate)
        .then([investigated]);
    });
    it('refuses to investigate before classification', () => {
      spec.given([reported]).when(investigate).thenFails('incident-not-classified');
    });
    it('refuses a second investigation record', () => {
      spec
        .given([reported, classified('first-aid'), investigated])
        .when(investigate)
        .thenFails('incident-already-investigated');
    });
  });

  describe('CloseSafetyIncident', () => {
    const close = cmd('CloseSafetyIncident', { note: null });
    it('closes an investigated incident', () => {
      spec
        .given([reported, classified('near-miss'), investigated])
        .when(close)
        .then([closed]);
    });
    it('refuses to close before the investigation', () => {
      spec
        .given([reported, classified('near-miss')])
        .when(close)
        .thenFails('incident-not-investigated');
    });
    it('refuses to close twice', () => {
      spec
        .given([reported, classified('near-miss'), investigated, closed])
        .when(close)
        .thenFails('incident-closed');
    });
  });
});
