import { commandBuilder, deciderSpec, metaAt } from '@ledger/testing';
import {
  customerSurveyDecider,
  surveyStreamId,
  type CustomerSurveyCommand,
  type CustomerSurveyEvent,
} from '.';

const meta = metaAt({ sub: 'carol', roles: ['project-manager'] }, '2026-05-04T09:00:00.000Z');
const spec = deciderSpec(customerSurveyDecider);
const ids = { surveyId: 'srv1', projectId: 'prj1' };
const by = { authority: 'project-manager' as const };

const cmd = commandBuilder<CustomerSurveyCommand>(meta);

const issuedOpen: CustomerSurveyEvent = {
  type: 'SurveyIssued',
  data: { ...ids, issuedOn: '2026-05-04', respondentRefs: null, issuedBy: 'carol', ...by },
};
const issuedNamed: CustomerSurveyEvent = {
  type: 'SurveyIssued',
  data: { ...issuedOpen.data, respondentRefs: ['crm-1', 'crm-2'] },
};
const responseRecorded = (
  responseId: string,
  nps: number,
  csat: number,
  respondentRef: string | null = null,
): CustomerSurveyEvent => ({
  type: 'SurveyResponseRecorded',
  data: {
    ...ids,
    responseId,
    respondentRef,
    nps,
    npsCategory: nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor',
    csat,
    verbatim: null,
    recordedBy: 'carol',
    ...by,
  },
});
const respond = (responseId: string, nps: number, csat: number, respondentRef?: string) =>
  cmd('RecordSurveyResponse', { responseId, nps, csat, verbatim: null, respondentRef });

describe('Customer survey decider', () => {
  it('keeps each survey in its own stream', () => {
    expect(surveyStreamId('srv1')).toBe('survey-srv1');
  });

  describe('IssueSurvey', () => {
    it('issues an open survey when no respondents are named', () => {
      spec
        .given([])
        .when(cmd('IssueSurvey', { ...ids, issuedOn: '2026-05-04' }))
        .then([issuedOpen]);
    });
    it('issues a survey to named respondents', () => {
      spec
        .given([])
        .when(
          cmd('IssueSurvey', {
            ...ids,
            issuedOn: '2026-05-04',
            respondentRefs: ['crm-1', 'crm-2'],
          }),
        )
        .then([issuedNamed]);
    });
    it('refuses to ask the same respondent twice', () => {
      spec
        .given([])
        .when(
          cmd('IssueSurvey', {
            ...ids,
            issuedOn: '2026-05-04',
            respondentRefs: ['crm-1', 'crm-1'],
          }),
        )
        .thenFails('duplicate-respondent');
    });
    it('refuses to issue the same survey twice', () => {
      spec
        .given([issuedOpen])
        .when(cmd('IssueSurvey', { ...ids, issuedOn: '2026-05-04' }))
        .thenFails('survey-already-issued');
    });
    it('leaves issuing to the project manager or the PMO', () => {
      const integration = { ...meta, actor: { sub: 'crm', roles: ['integration' as const] } };
      spec
        .given([])
        .when(cmd('IssueSurvey', { ...ids, issuedOn: '2026-05-04' }, integration))
        .thenFails('role-required');
    });
  });

  describe('RecordSurveyResponse', () => {
    it('records scores, the verbatim and the computed NPS category', () => {
      spec
        .given([issuedOpen])
        .when(
          cmd('RecordSurveyResponse', {
            responseId: 'r1',
            nps: 9,
            csat: 4,
            verbatim: 'Great crew',
          }),
        )
        .then([
          {
            type: 'SurveyResponseRecorded',
            data: {
              ...ids,
              responseId: 'r1',
              respondentRef: null,
              nps: 9,
              npsCategory: 'promoter',
              csat: 4,
              verbatim: 'Great crew',
              recordedBy: 'carol',
              ...by,
            },
          },
        ]);
    });
    it('takes responses from the survey tool integration', () => {
      const integration = { ...meta, actor: { sub: 'crm', roles: ['integration' as const] } };
      spec
        .given([issuedOpen])
        .when(
          cmd(
            'RecordSurveyResponse',
            { responseId: 'r1', nps: 6, csat: 2, verbatim: null },
            integration,
          ),
        )
        .thenEvents(([event]) =>
          expect(event?.data).toMatchObject({ npsCategory: 'detractor', authority: 'integration' }),
        );
    });
    it('refuses an NPS score outside 0–10 or not whole', () => {
      spec
        .given([issuedOpen])
        .when(respond('r1', 11, 4))
        .thenFails('nps-score-out-of-range');
      spec
        .given([issuedOpen])
        .when(respond('r1', 8.5, 4))
        .thenFails('nps-score-out-of-range');
    });
    it('refuses a CSAT score outside 1–5', () => {
      spec
        .given([issuedOpen])
        .when(respond('r1', 8, 0))
        .thenFails('csat-score-out-of-range');
    });
    it('refuses the same response twice', () => {
      spec
        .given([issuedOpen, responseRecorded('r1', 9, 4)])
        .when(respond('r1', 9, 4))
        .thenFails('survey-response-already-recorded');
    });
    it('takes responses only from named respondents when the survey named them', () => {
      spec
        .given([issuedNamed])
        .when(respond('r1', 9, 4, 'crm-2'))
        .then([responseRecorded('r1', 9, 4, 'crm-2')]);
      spec
        .given([issuedNamed])
        .when(respond('r1', 9, 4, 'crm-9'))
        .thenFails('respondent-not-surveyed');
      spec
        .given([issuedNamed])
        .when(respond('r1', 9, 4))
        .thenFails('respondent-not-surveyed');
    });
    it('takes one response per respondent', () => {
      spec
        .given([issuedNamed, responseRecorded('r1', 9, 4, 'crm-1')])
        .when(respond('r2', 3, 1, 'crm-1'))
        .thenFails('respondent-already-responded');
    });
    it('refuses a survey that was never issued', () => {
      spec
        .given([])
        .when(respond('r1', 9, 4))
        .thenFails('survey-not-found');
    });
  });

  describe('CloseSurvey', () => {
    it('closes with the NPS and CSAT average of every response', () => {
      spec
        .given([
          issuedOpen,
          responseRecorded('r1', 10, 5),
          responseRecorded('r2', 9, 4),
          responseRecorded('r3', 8, 4),
          responseRecorded('r4', 3, 2),
        ])
        .when(cmd('CloseSurvey', {}))
        .then([
          {
            type: 'SurveyClosed',
            data: {
              ...ids,
              responseCount: 4,
              netPromoterScore: 25,
              csatAverage: 3.75,
              closedBy: 'carol',
              ...by,
            },
          },
        ]);
    });
    it('closes a survey nobody answered with no scores', () => {
      spec
        .given([issuedOpen])
        .when(cmd('CloseSurvey', {}))
        .thenEvents(([event]) =>
          expect(event?.data).toMatchObject({
            responseCount: 0,
            netPromoterScore: null,
            csatAverage: null,
          }),
        );
    });
    it('takes no more responses once closed', () => {
      const closed: CustomerSurveyEvent = {
        type: 'SurveyClosed',
        data: {
          ...ids,
          responseCount: 0,
          netPromoterScore: null,
          csatAverage: null,
          closedBy: 'carol',
          ...by,
        },
      };
      spec
        .given([issuedOpen, closed])
        .when(respond('r1', 9, 4))
        .thenFails('survey-closed');
    });
  });
});
