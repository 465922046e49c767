import { assertNever } from '../shared';
import type { CustomerSurveyEvent } from './customer-survey.events';

export interface SurveyResponse {
  readonly responseId: string;
  readonly respondentRef: string | null;
  readonly nps: number;
  readonly csat: number;
}

export type CustomerSurveyState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'open' | 'closed';
      readonly surveyId: string;
      readonly projectId: string;
      readonly respondentRefs: readonly string[] | null;
      readonly responses: readonly SurveyResponse[];
    };

export const initialCustomerSurveyState: CustomerSurveyState = { status: 'absent' };

export function evolveCustomerSurvey(
  state: CustomerSurveyState,
  event: CustomerSurveyEvent,
): CustomerSurveyState {
  switch (event.type) {
    case 'SurveyIssued': {
      const { surveyId, projectId, respondentRefs } = event.data;
      return { status: 'open', surveyId, projectId, respondentRefs, responses: [] };
    }
    case 'SurveyResponseRecorded': {
      if (state.status === 'absent') return state;
      const { responseId, respondentRef, nps, csat } = event.data;
      return {
        ...state,
        responses: [...state.responses, { responseId, respondentRef, nps, csat }],
      };
    }
    case 'SurveyClosed':
      return state.status === 'absent' ? state : { ...state, status: 'closed' };
    default:
      return assertNever(event);
  }
}
