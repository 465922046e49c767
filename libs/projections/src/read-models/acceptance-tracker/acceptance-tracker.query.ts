import type { AcceptanceObjectKind } from '@ledger/domain';
import type { FindOptions, ReadFilter } from '@ledger/read-store';
import { answerPosition } from '../answer-position';
import {
  projectAnswerHead,
  projectDocumentsFilter,
  type ProjectReadQuery,
} from '../project-read-query';
import { publicItem, type PublicItem } from '../public-item';
import {
  acceptanceTrackerSummaryOf,
  acceptanceWarrantyOf,
  type AcceptanceTrackerSummary,
  type AcceptanceWarrantyFigures,
} from './acceptance-tracker.figures';
import type {
  AcceptanceTrackerEntry,
  AcceptanceTrackerStatus,
} from './acceptance-tracker.projection';

/** What a caller may ask of a project's acceptance tracker; the api has found the project. */
export interface AcceptanceTrackerQuery extends ProjectReadQuery {
  readonly status?: AcceptanceTrackerStatus;
  readonly objectKind?: AcceptanceObjectKind;
}

export type AcceptanceTrackerView = PublicItem<AcceptanceTrackerEntry> & {
  readonly warranty: AcceptanceWarrantyFigures;
};

export interface AcceptanceTrackerAnswer {
  readonly projectId: string;
  readonly programId: string;
  readonly asOf: string;
  /** Counts over the acceptances listed (after the filters). */
  readonly summary: AcceptanceTrackerSummary;
  /** In order of opening. */
  readonly acceptances: readonly AcceptanceTrackerView[];
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

/** The store filter that picks the project's acceptances asked for. */
export function acceptanceTrackerFilter(query: AcceptanceTrackerQuery): ReadFilter {
  return projectDocumentsFilter(query.projectId, {
    status: query.status,
    'object.kind': query.objectKind,
  });
}

/** In order of opening. */
export const ACCEPTANCE_TRACKER_ORDER: FindOptions = { sort: [['openedAt', 'asc']] };

/** The answer over `entries` (found by the filter, in that order), `served` the position served. */
export function acceptanceTrackerAnswerOf(
  entries: readonly AcceptanceTrackerEntry[],
  query: AcceptanceTrackerQuery,
  served: number,
): AcceptanceTrackerAnswer {
  return {
    ...projectAnswerHead(query),
    summary: acceptanceTrackerSummaryOf(entries, query.asOf),
    acceptances: entries.map((entry) => ({
      ...publicItem(entry),
      warranty: acceptanceWarrantyOf(entry, query.asOf),
    })),
    position: answerPosition(served, entries),
  };
}
