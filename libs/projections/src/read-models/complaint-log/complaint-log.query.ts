import type { ReadFilter } from '@ledger/read-store';
import { answerPosition } from '../answer-position';
import {
  projectAnswerHead,
  projectDocumentsFilter,
  type ProjectReadQuery,
} from '../project-read-query';
import { publicItem, type PublicItem } from '../public-item';
import {
  compareComplaints,
  complaintFiguresOf,
  complaintLogSummaryOf,
  type ComplaintFigures,
  type ComplaintLogSummary,
} from './complaint-log.figures';
import type { ComplaintLogEntry, ComplaintLogStatus } from './complaint-log.projection';

/** What a caller may ask of a project's complaint log; the api has found the project. */
export interface ComplaintLogQuery extends ProjectReadQuery {
  readonly status?: ComplaintLogStatus;
}

export type ComplaintLogView = PublicItem<ComplaintLogEntry> & ComplaintFigures;

export interface ComplaintLogAnswer {
  readonly projectId: string;
  readonly programId: string;
  readonly asOf: string;
  /** Counts over the complaints listed (after the filters). */
  readonly summary: ComplaintLogSummary;
  /** Open first, H&S-related (top priority) first, then by priority and due date. */
  readonly complaints: readonly ComplaintLogView[];
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

/** The store filter that picks the project's complaints asked for. */
export function complaintLogFilter(query: ComplaintLogQuery): ReadFilter {
  return projectDocumentsFilter(query.projectId, { status: query.status });
}

/**
 * The answer over `entries` (found by the filter, in any order), `served` the position served.
 * The order (open, then H&S-related and priority first) is computed here, not by the store:
 * it ranks by a priority scale and missing values, which a store sort cannot express.
 */
export function complaintLogAnswerOf(
  entries: readonly ComplaintLogEntry[],
  query: ComplaintLogQuery,
  served: number,
): ComplaintLogAnswer {
  return {
    ...projectAnswerHead(query),
    summary: complaintLogSummaryOf(entries, query.asOf),
    complaints: [...entries]
      .sort(compareComplaints)
      .map((entry) => ({ ...publicItem(entry), ...complaintFiguresOf(entry, query.asOf) })),
    position: answerPosition(served, entries),
  };
}
