import { answerPosition } from '../answer-position';
import type {
  CssqCumulative,
  CssqDimension,
  CssqHistory,
  CssqHistoryEntry,
} from './cssq-history.projection';

/** What a caller may ask of a project's CSSQ history; the api has found the history. */
export interface CssqHistoryQuery {
  /** Only change requests that change this dimension. */
  readonly dimension?: CssqDimension;
  /** Raised at or after this instant (a date means its start, UTC). */
  readonly from?: string;
  /** Raised at or before this instant (a bare date includes the whole day, UTC). */
  readonly to?: string;
}

export interface CssqHistoryAnswer {
  readonly projectId: string;
  readonly changeRequests: readonly CssqHistoryEntry[];
  readonly cumulative: CssqCumulative;
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

/** A bare date (`2026-03-01`) as `to` includes the whole day. */
function upperBound(to: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? Date.parse(`${to}T23:59:59.999Z`) : Date.parse(to);
}

/**
 * The answer over a project's history document, `served` the position served. The filters run
 * here: the change requests are an array inside the one document.
 */
export function cssqHistoryAnswerOf(
  history: CssqHistory,
  query: CssqHistoryQuery,
  served: number,
): CssqHistoryAnswer {
  const from = query.from === undefined ? -Infinity : Date.parse(query.from);
  const to = query.to === undefined ? Infinity : upperBound(query.to);
  const { dimension } = query;
  const changeRequests = history.changeRequests.filter((entry) => {
    const raisedAt = Date.parse(entry.raisedAt);
    if (raisedAt < from || raisedAt > to) return false;
    return dimension === undefined || entry.impacts?.[dimension].impact === 'change';
  });
  return {
    projectId: history.projectId,
    changeRequests,
    cumulative: history.cumulative,
    position: answerPosition(served, [history]),
  };
}
