/** The one place a survey's stream name is made: `survey-<id>`. */
export const SURVEY_STREAM_CATEGORY = 'survey';
export const surveyStreamId = (surveyId: string): string => `${SURVEY_STREAM_CATEGORY}-${surveyId}`;
