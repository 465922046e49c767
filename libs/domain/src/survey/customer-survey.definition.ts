import type { AggregateDefinition } from '../shared';
import type { CustomerSurveyCommand } from './customer-survey.commands';
import { customerSurveyDecider } from './customer-survey.decider';
import {
  CUSTOMER_SURVEY_EVENT_SCHEMA_VERSIONS,
  type CustomerSurveyEvent,
} from './customer-survey.events';
import type { CustomerSurveyState } from './customer-survey.state';

/** The one place a survey's stream name is made: `survey-<id>`. */
export const SURVEY_STREAM_CATEGORY = 'survey';
export const surveyStreamId = (surveyId: string): string => `${SURVEY_STREAM_CATEGORY}-${surveyId}`;

/** The customerSurvey aggregate as the command path runs it (STYLE 6: one handle per aggregate). */
export const customerSurveyAggregate: AggregateDefinition<
  CustomerSurveyCommand,
  CustomerSurveyState,
  CustomerSurveyEvent,
  'customer-survey'
> = {
  name: 'customer-survey',
  decider: customerSurveyDecider,
  schemaVersions: CUSTOMER_SURVEY_EVENT_SCHEMA_VERSIONS,
  streamId: surveyStreamId,
};
