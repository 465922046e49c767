import {
  SURVEY_STREAM_CATEGORY,
  CUSTOMER_SURVEY_EVENT_SCHEMA_VERSIONS,
  customerSurveyDecider,
  type CustomerSurveyCommand,
  type CustomerSurveyEvent,
  type CustomerSurveyState,
} from '@ledger/domain';
import type { AggregateDefinition } from '../aggregate-definition';

export const customerSurveyAggregate: AggregateDefinition<
  CustomerSurveyCommand,
  CustomerSurveyState,
  CustomerSurveyEvent
> = {
  name: 'customer-survey',
  streamCategory: SURVEY_STREAM_CATEGORY,
  decider: customerSurveyDecider,
  schemaVersions: CUSTOMER_SURVEY_EVENT_SCHEMA_VERSIONS,
};
