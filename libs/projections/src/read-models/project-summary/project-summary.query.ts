import {
  type FindOptions,
  type ReadFilter,
  type ReadStore,
  type SortSpec,
  VersionedMemo,
} from '@ledger/read-store';
import type { Health } from './project-health';
import {
  NOT_IN_SUMMARY_VIEW,
  PROJECT_SUMMARIES,
  projectSummaryView,
  type ProjectSummary,
  type ProjectSummaryStatus,
  type ProjectSummaryView,
} from './project-summary.projection';

/** `health` sorts worst first (red, amber, green, unknown), then by name; `-health` the reverse. */
export const PROJECT_SORTS = [
  'name',
  '-name',
  'lastEventAt',
  '-lastEventAt',
  'health',
  '-health',
] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

/** What a caller may ask of the project list; `programs` is what its claim lets it see. */
export interface ProjectListQuery {
  /** Every program (`*`) or these; the caller has checked a requested program is among them. */
  readonly programs: '*' | readonly string[];
  readonly programId?: string;
  readonly status?: ProjectSummaryStatus;
  readonly health?: Health;
  readonly sort: ProjectSort;
  readonly limit: number;
  readonly offset: number;
}

export interface ProjectSummaryPage {
  readonly items: readonly ProjectSummaryView[];
  readonly total: number;
  /** The log position the answer reflects (also in X-Read-Position). */
  readonly position: number;
}

/**
 * The store filter of a list query. Equalities on top-level text fields only: the embedded
 * store answers them from the `(programId, status, name)` index without reading a document.
 */
export function projectListFilter(query: ProjectListQuery): ReadFilter {
  const filter: Record<string, ReadFilter[string]> = {};
  if (query.programId !== undefined) filter['programId'] = query.programId;
  else if (query.programs !== '*') filter['programId'] = { $in: [...query.programs] };
  if (query.status !== undefined) filter['status'] = query.status;
  if (query.health !== undefined) filter['health'] = query.health;
  return filter;
}

/** The store sort for a `sort` value (`health`: worst first via healthRank, ties by name). */
export function projectListSort(sort: ProjectSort): SortSpec {
  const direction = sort.startsWith('-') ? 'desc' : 'asc';
  const field = sort.replace(/^-/, '');
  if (field === 'health')
    return [
      ['healthRank', direction],
      ['name', 'asc'],
    ];
  return [[field, direction]];
}

/** The store sort and page of a list query. */
function projectListPage(query: ProjectListQuery): FindOptions {
  return { sort: projectListSort(query.sort), skip: query.offset, limit: query.limit };
}

/**
 * One page of the list, with the number of projects matching before paging; `position` is the
 * one the caller served (the api's read position), stated unchanged as it was before the move.
 */
export async function projectSummaryPage(
  store: ReadStore,
  query: ProjectListQuery,
  position: number,
): Promise<ProjectSummaryPage> {
  const filter = projectListFilter(query);
  const [documents, total] = await Promise.all([
    store.find<ProjectSummary>(PROJECT_SUMMARIES, filter, projectListPage(query)),
    store.count(PROJECT_SUMMARIES, filter),
  ]);
  return { items: documents.map(projectSummaryView), total, position };
}

/**
 * projectSummaryPage's answer as the JSON text an api sends, byte for byte
 * `JSON.stringify(await projectSummaryPage(...))`, built from the summaries' JSON texts the store
 * keeps without what the view leaves out (the projection's `jsonViews`; a store keeping none
 * cuts them out of the stored documents): a page is sent without parsing its twenty documents
 * and serialising them again, which was most of a list request's cost.
 */
export async function projectSummaryPageJson(
  store: ReadStore,
  query: ProjectListQuery,
  position: number,
): Promise<string> {
  const filter = projectListFilter(query);
  const [items, total] = await Promise.all([
    store.findJson(PROJECT_SUMMARIES, filter, projectListPage(query), NOT_IN_SUMMARY_VIEW),
    store.count(PROJECT_SUMMARIES, filter),
  ]);
  return `{"items":[${items.join(',')}],"total":${total},"position":${position}}`;
}

/**
 * projectSummaryPageJson's answers as UTF-8 bytes, per store, kept while the store answers the
 * same change version (at most 1,000 pages and 8 MiB; full, new pages are not kept): a list's
 * pages are asked again and again between writes, and a kept page is sent without reading the
 * store, joining the page or encoding it again. Bytes live outside V8's heap, so kept pages
 * cost the collector nothing. Stores without a change version (MongoDB) are read every time.
 */
const pageAnswers = new WeakMap<ReadStore, VersionedMemo<Buffer>>();
const PAGE_ANSWERS = { maxEntries: 1_000, maxWeight: 8 * 1024 * 1024 } as const;

/** projectSummaryPageJson's answer as the UTF-8 bytes an api sends, reused between writes. */
export async function projectSummaryPageBytes(
  store: ReadStore,
  query: ProjectListQuery,
  position: number,
): Promise<Buffer> {
  // Read before the page: a page made after it is as new as the version or newer.
  const version = await store.changeVersion();
  if (version === null) return Buffer.from(await projectSummaryPageJson(store, query, position));
  let memo = pageAnswers.get(store);
  if (memo === undefined) {
    memo = new VersionedMemo<Buffer>({ ...PAGE_ANSWERS, weigh: (bytes) => bytes.length });
    pageAnswers.set(store, memo);
  }
  const key = `${position}\u0000${JSON.stringify(query)}`;
  const known = memo.get(key, version);
  if (known !== undefined) return known;
  const bytes = Buffer.from(await projectSummaryPageJson(store, query, position));
  memo.set(key, version, bytes);
  return bytes;
}

/** GET /api/projects/{projectId}: the summary and the position it reflects. */
export type ProjectSummaryAnswer = ProjectSummaryView & { readonly position: number };
