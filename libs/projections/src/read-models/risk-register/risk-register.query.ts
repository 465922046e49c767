import type { RiskKind } from '@ledger/domain';
import type { ReadFilter } from '@ledger/read-store';
import { answerPosition } from '../answer-position';
import {
  riskExposure,
  riskRegisterItem,
  sortRiskItems,
  type RiskExposureSummary,
  type RiskRegisterItem,
  type RiskSort,
} from './risk-exposure';
import type {
  RiskRegisterDocument,
  RiskRegisterEntry,
  RiskRegisterProject,
  RiskRegisterStatus,
} from './risk-register.projection';

/** What a caller may ask of a project's risk register. */
export interface RiskRegisterQuery {
  readonly projectId: string;
  /** The day overdue reviews and actions are judged on (YYYY-MM-DD). */
  readonly asOf: string;
  readonly status?: RiskRegisterStatus;
  readonly kind?: RiskKind;
  /** Default: highest score first. */
  readonly sort?: RiskSort;
}

export interface RiskRegisterAnswer {
  readonly projectId: string;
  readonly programId: string;
  /** The day overdue reviews and actions are judged on. */
  readonly asOf: string;
  /** The whole register's exposure (filters do not apply). */
  readonly summary: RiskExposureSummary;
  /** The risks matching the filters, sorted. */
  readonly items: readonly RiskRegisterItem[];
  readonly total: number;
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

/** The project's own document and its risks all carry projectId: one read finds them all. */
export function riskRegisterFilter(query: RiskRegisterQuery): ReadFilter {
  return { projectId: query.projectId };
}

/** The project's own document among those the filter found; none when the project is unknown. */
export function riskRegisterProjectOf(
  documents: readonly RiskRegisterDocument[],
): RiskRegisterProject | undefined {
  return documents.find((document): document is RiskRegisterProject => document.type === 'project');
}

/**
 * The answer over the documents the filter found, `project` the project's own among them (the
 * api has found it and checked the caller may see it), `served` the position served. The summary
 * covers the whole register; the status and kind filters pick the items only, so they run here.
 */
export function riskRegisterAnswerOf(
  project: RiskRegisterProject,
  documents: readonly RiskRegisterDocument[],
  query: RiskRegisterQuery,
  served: number,
): RiskRegisterAnswer {
  const risks = documents.filter(
    (document): document is RiskRegisterEntry => document.type === 'risk',
  );
  const matching = risks.filter(
    (risk) =>
      (query.status === undefined || risk.status === query.status) &&
      (query.kind === undefined || risk.kind === query.kind),
  );
  const items = sortRiskItems(
    matching.map((risk) => riskRegisterItem(risk, query.asOf)),
    query.sort,
  );
  return {
    projectId: query.projectId,
    programId: project.programId,
    asOf: query.asOf,
    summary: riskExposure(risks, query.asOf),
    items,
    total: items.length,
    position: answerPosition(served, documents),
  };
}
