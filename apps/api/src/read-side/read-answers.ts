import { READ_ROUTES } from '@ledger/projections';
import type { ReadModelStatus } from '@ledger/runtime';

/**
 * The answer of every read route, by the route's OpenAPI operation id: each read route declares
 * the name of its answer type (READ_ROUTES, beside its query in @ledger/projections, whose types
 * this module re-exports); the admin routes' answers are declared here. The TypeScript types
 * are the one source of their documented schemas: `npm run openapi:answers` derives
 * `read-answers.schema.json` from them (a spec fails when it is stale), and the OpenAPI
 * document attaches each schema to its route's 200.
 */
export type * from '@ledger/projections';
export type { ReadModelStatus };

/** GET /api/admin/read-models. */
export interface ReadModelList {
  readonly items: readonly ReadModelStatus[];
}

export const READ_ANSWER_TYPES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(READ_ROUTES.map((route) => [route.operationId, route.answerType])),
  ReadModelsAdminController_list: 'ReadModelList',
  ReadModelsAdminController_get: 'ReadModelStatus',
};
