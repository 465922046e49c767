import type { HandoverKind } from '@ledger/domain';
import type { FindOptions, ReadFilter } from '@ledger/read-store';
import { answerPosition } from '../answer-position';
import {
  projectAnswerHead,
  projectDocumentsFilter,
  type ProjectReadQuery,
} from '../project-read-query';
import { publicItem, type PublicItem } from '../public-item';
import { handoverReadinessOf, type HandoverReadinessFigures } from './handover-readiness.figures';
import type { HandoverReadiness, HandoverReadinessStatus } from './handover-readiness.projection';

/** What a caller may ask of a project's handovers; the api has found the project. */
export interface HandoverReadinessQuery extends ProjectReadQuery {
  readonly kind?: HandoverKind;
  readonly status?: HandoverReadinessStatus;
}

export type HandoverReadinessView = PublicItem<HandoverReadiness> & {
  readonly readiness: HandoverReadinessFigures;
};

export interface HandoverReadinessAnswer {
  readonly projectId: string;
  readonly programId: string;
  /** The date ages were computed to. */
  readonly asOf: string;
  /** In order of initiation. */
  readonly handovers: readonly HandoverReadinessView[];
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

/** The store filter that picks the project's handovers asked for. */
export function handoverReadinessFilter(query: HandoverReadinessQuery): ReadFilter {
  return projectDocumentsFilter(query.projectId, { kind: query.kind, status: query.status });
}

/** In order of initiation. */
export const HANDOVER_READINESS_ORDER: FindOptions = { sort: [['initiatedAt', 'asc']] };

/** The answer over `handovers` (found by the filter, in that order), `served` the position served. */
export function handoverReadinessAnswerOf(
  handovers: readonly HandoverReadiness[],
  query: HandoverReadinessQuery,
  served: number,
): HandoverReadinessAnswer {
  return {
    ...projectAnswerHead(query),
    handovers: handovers.map((handover) => ({
      ...publicItem(handover),
      readiness: handoverReadinessOf(handover, query.asOf),
    })),
    position: answerPosition(served, handovers),
  };
}
