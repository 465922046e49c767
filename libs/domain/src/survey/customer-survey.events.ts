import type { DomainEvent, Role } from '../shared';
import type { NpsCategory } from './nps';

export type SurveyIssued = DomainEvent<
  'SurveyIssued',
  {
    readonly surveyId: string;
    readonly projectId: string;
    readonly issuedOn: string;
    /** Customer contacts (CRM ids) asked to respond; null for an open survey. */
    readonly respondentRefs: readonly string[] | null;
    readonly issuedBy: string;
    readonly authority: Role;
  }
>;
export type SurveyResponseRecorded = DomainEvent<
  'SurveyResponseRecorded',
  {
    readonly surveyId: string;
    readonly projectId: string;
    readonly responseId: string;
    /** Required when the survey named its respondents; otherwise optional (anonymous). */
    readonly respondentRef: string | null;
    /** 0–10. */
    readonly nps: number;
    /** Computed from `nps` (nps.ts). */
    readonly npsCategory: NpsCategory;
    /** 1–5. */
    readonly csat: number;
    readonly verbatim: string | null;
    readonly recordedBy: string;
    readonly authority: Role;
  }
>;
/** Closing freezes the survey's result, computed from every response recorded. */
export type SurveyClosed = DomainEvent<
  'SurveyClosed',
  {
    readonly surveyId: string;
    readonly projectId: string;
    readonly responseCount: number;
    readonly netPromoterScore: number | null;
    readonly csatAverage: number | null;
    readonly closedBy: string;
    readonly authority: Role;
  }
>;

export type CustomerSurveyEvent = SurveyIssued | SurveyResponseRecorded | SurveyClosed;

/** Current schemaVersion of each event type (P6); bump it together with an upcaster. */
export const CUSTOMER_SURVEY_EVENT_SCHEMA_VERSIONS = {
  SurveyIssued: 1,
  SurveyResponseRecorded: 1,
  SurveyClosed: 1,
} as const satisfies Record<CustomerSurveyEvent['type'], number>;
