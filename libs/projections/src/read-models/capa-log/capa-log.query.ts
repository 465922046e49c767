import type { CapaSource } from '@ledger/domain';
import type { FindOptions, ReadFilter } from '@ledger/read-store';
import { answerPosition } from '../answer-position';
import {
  projectAnswerHead,
  projectDocumentsFilter,
  type ProjectReadQuery,
} from '../project-read-query';
import { publicItem, type PublicItem } from '../public-item';
import {
  capaFiguresOf,
  capaLogSummaryOf,
  type CapaFigures,
  type CapaLogSummary,
} from './capa-log.figures';
import type { CapaLogEntry, CapaStage } from './capa-log.projection';

/** What a caller may ask of a project's CAPA log; the api has found the project. */
export interface CapaLogQuery extends ProjectReadQuery {
  readonly stage?: CapaStage;
  readonly source?: CapaSource;
}

export type CapaLogView = PublicItem<CapaLogEntry> & CapaFigures;

export interface CapaLogAnswer {
  readonly projectId: string;
  readonly programId: string;
  readonly asOf: string;
  /** Counts over the corrective actions listed (after the filters). */
  readonly summary: CapaLogSummary;
  /** In order of opening. */
  readonly correctiveActions: readonly CapaLogView[];
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

/** The store filter that picks the project's corrective actions asked for. */
export function capaLogFilter(query: CapaLogQuery): ReadFilter {
  return projectDocumentsFilter(query.projectId, { stage: query.stage, source: query.source });
}

/** In order of opening. */
export const CAPA_LOG_ORDER: FindOptions = { sort: [['openedAt', 'asc']] };

/** The answer over `entries` (found by the filter, in that order), `served` the position served. */
export function capaLogAnswerOf(
  entries: readonly CapaLogEntry[],
  query: CapaLogQuery,
  served: number,
): CapaLogAnswer {
  return {
    ...projectAnswerHead(query),
    summary: capaLogSummaryOf(entries, query.asOf),
    correctiveActions: entries.map((entry) => ({
      ...publicItem(entry),
      ...capaFiguresOf(entry, query.asOf),
    })),
    position: answerPosition(served, entries),
  };
}
