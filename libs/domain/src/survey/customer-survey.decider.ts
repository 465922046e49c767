import { assertNever, type Decider } from '../shared';
import { SURVEY_ROLES, surveyAuthority } from './customer-survey.authority';
import type {
  CloseSurvey,
  CustomerSurveyCommand,
  IssueSurvey,
  RecordSurveyResponse,
} from './customer-survey.commands';
import { customerSurveyErrors as errors } from './customer-survey.errors';
import type { CustomerSurveyEvent } from './customer-survey.events';
import {
  evolveCustomerSurvey,
  initialCustomerSurveyState,
  type CustomerSurveyState,
} from './customer-survey.state';
import { csatAverage, isCsatScore, isNpsScore, netPromoterScore, npsCategory } from './nps';

type OpenSurvey = Exclude<CustomerSurveyState, { status: 'absent' }>;

function requireOpen(state: CustomerSurveyState): OpenSurvey {
  if (state.status === 'absent') throw errors.notFound();
  if (state.status === 'closed') throw errors.closed(state.surveyId);
  return state;
}

function issue(command: IssueSurvey, state: CustomerSurveyState): CustomerSurveyEvent[] {
  if (state.status !== 'absent') throw errors.alreadyIssued(state.surveyId);
  const authority = surveyAuthority(command.meta.actor, SURVEY_ROLES.manage);
  const { surveyId, projectId, issuedOn } = command.data;
  const respondentRefs = command.data.respondentRefs ?? null;
  const duplicates = (respondentRefs ?? []).filter((ref, index, all) => all.indexOf(ref) !== index);
  if (duplicates.length > 0) throw errors.duplicateRespondent(duplicates);
  return [
    {
      type: 'SurveyIssued',
      data: {
        surveyId,
        projectId,
        issuedOn,
        respondentRefs: respondentRefs === null ? null : [...respondentRefs],
        issuedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function recordResponse(
  command: RecordSurveyResponse,
  state: CustomerSurveyState,
): CustomerSurveyEvent[] {
  const survey = requireOpen(state);
  const authority = surveyAuthority(command.meta.actor, SURVEY_ROLES.respond);
  const { responseId, nps, csat, verbatim } = command.data;
  const respondentRef = command.data.respondentRef ?? null;
  if (survey.responses.some((response) => response.responseId === responseId)) {
    throw errors.responseAlreadyRecorded(responseId);
  }
  if (!isNpsScore(nps)) throw errors.npsOutOfRange(nps);
  if (!isCsatScore(csat)) throw errors.csatOutOfRange(csat);
  if (
    survey.respondentRefs !== null &&
    (respondentRef === null || !survey.respondentRefs.includes(respondentRef))
  ) {
    throw errors.respondentNotSurveyed();
  }
  if (
    respondentRef !== null &&
    survey.responses.some((response) => response.respondentRef === respondentRef)
  ) {
    throw errors.respondentAlreadyResponded(respondentRef);
  }
  return [
    {
      type: 'SurveyResponseRecorded',
      data: {
        surveyId: survey.surveyId,
        projectId: survey.projectId,
        responseId,
        respondentRef,
        nps,
        npsCategory: npsCategory(nps),
        csat,
        verbatim,
        recordedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function close(command: CloseSurvey, state: CustomerSurveyState): CustomerSurveyEvent[] {
  const survey = requireOpen(state);
  const authority = surveyAuthority(command.meta.actor, SURVEY_ROLES.manage);
  const { responses } = survey;
  return [
    {
      type: 'SurveyClosed',
      data: {
        surveyId: survey.surveyId,
        projectId: survey.projectId,
        responseCount: responses.length,
        netPromoterScore: netPromoterScore(responses.map((response) => response.nps)),
        csatAverage: csatAverage(responses.map((response) => response.csat)),
        closedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

export function decideCustomerSurvey(
  command: CustomerSurveyCommand,
  state: CustomerSurveyState,
): CustomerSurveyEvent[] {
  switch (command.type) {
    case 'IssueSurvey':
      return issue(command, state);
    case 'RecordSurveyResponse':
      return recordResponse(command, state);
    case 'CloseSurvey':
      return close(command, state);
    default:
      return assertNever(command);
  }
}

export const customerSurveyDecider: Decider<
  CustomerSurveyCommand,
  CustomerSurveyState,
  CustomerSurveyEvent
> = {
  initialState: initialCustomerSurveyState,
  evolve: evolveCustomerSurvey,
  decide: decideCustomerSurvey,
};
