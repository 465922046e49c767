import type { ReadFilter } from '@ledger/read-store';
import { answerPosition } from '../answer-position';
import type { DecisionEntry, DecisionKind } from './decision-register.entry';
import type { DecisionRegisterFile } from './decision-register.projection';

/** What a caller may ask of the register; `programs` is what its claim lets it see. */
export interface DecisionRegisterQuery {
  /** Every program (`*`) or these; the caller has checked a requested program is among them. */
  readonly programs: '*' | readonly string[];
  readonly programId?: string;
  readonly projectId?: string;
  /** Decisions taken by this subject. */
  readonly actor?: string;
  readonly kind?: DecisionKind;
  /** Calendar dates (YYYY-MM-DD), inclusive, on the business date the decision took effect. */
  readonly from?: string;
  readonly to?: string;
  /** Only the decisions whose requester and decider are the same person. */
  readonly segregationExceptions?: boolean;
  readonly limit: number;
  readonly offset: number;
}

export interface DecisionRegisterPage {
  /** In log order (the order the decisions were recorded). */
  readonly items: readonly DecisionEntry[];
  /** Decisions matching the filters, before paging. */
  readonly total: number;
  /** Of those, how many are segregation-of-duties exceptions (requester = decider). */
  readonly segregationExceptions: number;
}

export interface DecisionRegisterAnswer extends DecisionRegisterPage {
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

/** The store filter that picks the files holding the decisions asked for. */
export function decisionRegisterFilter(query: DecisionRegisterQuery): ReadFilter {
  const filter: Record<string, ReadFilter[string]> = {};
  if (query.programId !== undefined) filter['programId'] = query.programId;
  else if (query.programs !== '*') filter['programId'] = { $in: [...query.programs] };
  if (query.projectId !== undefined) filter['projectId'] = query.projectId;
  return filter;
}

const isException = (entry: DecisionEntry): boolean => entry.segregation.distinct === false;

function matches(entry: DecisionEntry, query: DecisionRegisterQuery): boolean {
  const day = entry.effectiveAt.slice(0, 10);
  return (
    (query.actor === undefined || entry.decidedBy === query.actor) &&
    (query.kind === undefined || entry.kind === query.kind) &&
    (query.from === undefined || day >= query.from) &&
    (query.to === undefined || day <= query.to) &&
    (query.segregationExceptions !== true || isException(entry))
  );
}

/**
 * The page of decisions in `files` that `query` asks for. Filters other than program and project
 * run here, over the files' decisions: a file holds a project's (or contract's) decisions, and
 * the store cannot reach into its array with the operators both stores share.
 */
export function decisionRegisterPageOf(
  files: readonly DecisionRegisterFile[],
  query: DecisionRegisterQuery,
): DecisionRegisterPage {
  const matching = files
    .flatMap((file) => file.decisions)
    .filter((entry) => matches(entry, query))
    .sort((a, b) => a.logPosition - b.logPosition);
  return {
    items: matching.slice(query.offset, query.offset + query.limit),
    total: matching.length,
    segregationExceptions: matching.filter(isException).length,
  };
}

/** The answer over `files` (found by the filter), `served` the position served. */
export function decisionRegisterAnswerOf(
  files: readonly DecisionRegisterFile[],
  query: DecisionRegisterQuery,
  served: number,
): DecisionRegisterAnswer {
  return { ...decisionRegisterPageOf(files, query), position: answerPosition(served, files) };
}
