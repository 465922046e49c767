import type { Command } from '../shared';

export type IssueSurvey = Command<
  'IssueSurvey',
  {
    readonly surveyId: string;
    readonly projectId: string;
    readonly issuedOn: string;
    readonly respondentRefs?: readonly string[] | null;
  }
>;
export type RecordSurveyResponse = Command<
  'RecordSurveyResponse',
  {
    readonly responseId: string;
    readonly respondentRef?: string | null;
    readonly nps: number;
    readonly csat: number;
    readonly verbatim: string | null;
  }
>;
export type CloseSurvey = Command<'CloseSurvey', Readonly<Record<string, never>>>;

export type CustomerSurveyCommand = IssueSurvey | RecordSurveyResponse | CloseSurvey;
