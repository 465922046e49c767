import type { Role } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import { READ_ROUTES } from '@ledger/projections';
import { httpClient, type Reply } from '../support/http-client';
import { expectProblem } from '../support/problem';
import type { TestApp } from '../support/test-app';

/**
 * What the chapters of the delivery-program scenario share: the people, the checklists and the
 * baseline they use, the conventions every read-model answer keeps, and the world one run builds
 * up (the app, the tokens, what each chapter created) with the helpers that read and write it.
 */

export interface FollowUp {
  readonly reaction: string;
  readonly streamId: string;
  readonly revision?: number;
  readonly position?: number;
  readonly refusedBy?: string;
}

export interface Accepted {
  readonly id?: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly followUps?: readonly FollowUp[];
}

/** The people of the program and the roles their tokens carry. */
export const people = {
  paula: ['pmo'],
  sam: ['sales'],
  carla: ['project-manager'],
  bob: ['project-manager'],
  cora: ['care'],
  'erp-bridge': ['integration'],
  olga: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Person = keyof typeof people;

export const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** Sell→Execute checklist (DOMAIN.md's typical items); the stakeholder map follows later. */
export const sellToExecuteItems = [
  { id: 'signed-contract', title: 'Signed contract and annexes', mandatory: true },
  { id: 'sow-boq', title: 'Statement of work and bill of quantities', mandatory: true },
  { id: 'price-model', title: 'Price and margin model with its assumptions', mandatory: true },
  {
    id: 'non-standard-terms',
    title: 'Non-standard terms: LDs, caps, acceptance criteria, payment milestones',
    mandatory: true,
  },
  { id: 'bid-risks', title: 'Bid risk register', mandatory: true },
  { id: 'solution-design', title: 'Solution design', mandatory: true },
  { id: 'stakeholder-map', title: 'Stakeholder map', mandatory: false },
  { id: 'key-milestones', title: 'Key milestones', mandatory: true },
  { id: 'subcontractors', title: 'Subcontractor commitments', mandatory: true },
  { id: 'hs-requirements', title: 'H&S requirements', mandatory: true },
  { id: 'sales-promises', title: 'Promises made in sales', mandatory: true },
];

/** Delivery→Care checklist (DOMAIN.md's typical items). */
export const deliveryToCareItems = [
  { id: 'as-built', title: 'As-built documentation', mandatory: true },
  { id: 'acceptance-status', title: 'Acceptance status and open punch items', mandatory: true },
  { id: 'warranty', title: 'Warranty start and end', mandatory: true },
  { id: 'sla', title: 'SLA definitions', mandatory: true },
  { id: 'escalation-matrix', title: 'Escalation matrix', mandatory: true },
  { id: 'spares', title: 'Spares', mandatory: true },
  { id: 'knowledge-transfer', title: 'Knowledge transfer', mandatory: true },
  { id: 'complaints-capa', title: 'Open complaints and corrective actions', mandatory: true },
  { id: 'residual-risks', title: 'Residual risks', mandatory: true },
];

export const baseline = {
  budget: eur(185_000_000),
  scope: [
    { id: 's-core', title: 'Core and transport upgrade' },
    { id: 's-ran', title: 'RAN swap of 48 macro sites' },
    { id: 's-oss', title: 'OSS integration and KPI dashboards' },
  ],
  milestones: [
    { id: 'm-design', title: 'Detailed design approved', dueOn: '2024-12-13' },
    { id: 'm-on-air', title: '48 macro sites on air', dueOn: '2025-07-31' },
    // obligationId is added once the contract's obligation exists (step 3).
  ],
  quality: [
    { id: 'q-availability', criterion: 'Cell availability', target: '>= 99.5 %' },
    { id: 'q-drops', criterion: 'Dropped call rate', target: '<= 0.8 %' },
  ],
};

/**
 * Keys that hold money wherever they appear in a read-model answer: each must be
 * `{amount, currency}` or null, never a bare number (issue 9, item 12). `value` is money too,
 * except as the figure of a safety rate (`trir.value`, `ltifr.value`).
 */
const MONEY_KEYS = new Set([
  'accrued',
  'ac',
  'actualCostImpact',
  'actualCostRecorded',
  'bac',
  'bacCurrent',
  'bacOriginal',
  'budget',
  'budgetDelta',
  'cap',
  'contingencyDrawn',
  'contingencyRemaining',
  'contingencyReserve',
  'costImpact',
  'cv',
  'drawn',
  'eac',
  'eacAtBudgetRate',
  'estimateAtCompletion',
  'etc',
  'ev',
  'expectedMonetaryValue',
  'forecast',
  'headroom',
  'net',
  'originalValue',
  'pv',
  'remaining',
  'reserve',
  'sv',
  'vac',
  'value',
  'waived',
]);
const RATE_KEYS = new Set(['trir', 'ltifr']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isMoney = (value: unknown): boolean =>
  isRecord(value) &&
  Object.keys(value).sort().join() === 'amount,currency' &&
  Number.isSafeInteger(value['amount']) &&
  typeof value['currency'] === 'string' &&
  /^[A-Z]{3}$/.test(value['currency']);

/**
 * Where an answer breaks the conventions every endpoint keeps (README): money under a money key
 * (and every EMV figure) is `{amount, currency}` in integer minor units or null; any object with
 * an `amount` is money; absent is null, never ""; the store's `_id` never shows and `position`
 * only at the top; the objects of one list have the same keys (none goes missing where its
 * siblings say null).
 */
export function conventionBreaches(value: unknown, path: string, parent = '', depth = 0): string[] {
  if (value === '') return [`${path}: "" (absent is null)`];
  if (Array.isArray(value)) {
    const breaches = value.flatMap((item, index) =>
      conventionBreaches(item, `${path}[${index}]`, parent, depth + 1),
    );
    const shapes = new Set(value.filter(isRecord).map((item) => Object.keys(item).sort().join()));
    if (shapes.size > 1)
      breaches.push(`${path}: items with different keys ${[...shapes].join(' | ')}`);
    return breaches;
  }
  if (!isRecord(value) || isMoney(value)) return [];
  if ('amount' in value) return [`${path}: not {amount, currency}`];
  const breaches: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (key === '_id') breaches.push(`${at}: the store's key`);
    if (key === 'position' && depth > 0) breaches.push(`${at}: a position inside an item`);
    const money =
      (MONEY_KEYS.has(key) && !(key === 'value' && RATE_KEYS.has(parent))) ||
      path.includes('.emv[');
    if (money && typeof child === 'number') breaches.push(`${at}: bare number ${child}`);
    else if (
      money &&
      child !== null &&
      isRecord(child) &&
      !path.includes('.emv[') &&
      !isMoney(child)
    ) {
      breaches.push(`${at}: not {amount, currency}`);
    } else breaches.push(...conventionBreaches(child, at, key, depth + 1));
  }
  return breaches;
}

/**
 * What the chapters create and later chapters use, in the order the story creates it. The runner
 * sets `t` in its beforeAll; each field is set by the chapter that creates the thing.
 */
export interface ScenarioState {
  t: TestApp;
  programId: string;
  contractId: string;
  obligationId: string;
  projectId: string;
  program: string;
  contract: string;
  project: string;
  projectUrl: string;
  cr1Url: string;
  cr1Id: string;
  cr2Id: string;
  designObligationId: string;
  sellToExecute: { id: string; streamId: string };
  deliveryToCare: { id: string; streamId: string };
  threat: { id: string; streamId: string };
  opportunity: { id: string; streamId: string };
  acceptanceId: string;
  acceptanceUrl: string;
  acceptanceStream: string;
  pacId: string;
  complaint: { id: string; streamId: string };
  capa: { id: string; streamId: string };
  incident: { id: string; streamId: string };
}

/** The world of one run of the scenario: its state and the helpers over it. */
export function scenarioWorld() {
  const w = {} as ScenarioState;

  const tokens = {} as Record<Person, string>;

  /** Every stream an accepted request (or its follow-ups) wrote to, in first-touched order. */
  const touched = new Set<string>();

  /** For each accepted request: the stream revision it (or a follow-up) ended at, and who sent it. */
  const caused: Array<{ streamId: string; revision: number; sub: Person }> = [];

  // ---- small helpers ---------------------------------------------------------------------------

  const http = httpClient(() => w.t);

  const post = (url: string, body: unknown, as: Person, headers: Record<string, string> = {}) =>
    http.post(url, body, tokens[as], headers);

  /** Asserts the status (showing the body if it differs) and remembers who wrote where. */
  const accepted = (url: string, reply: Reply, status: 200 | 201, as: Person): Accepted => {
    expect({ url, status: reply.statusCode, body: reply.json() }).toMatchObject({ status });
    const body = reply.json<Accepted>();
    for (const landed of [body, ...(body.followUps ?? [])]) {
      if (landed.revision === undefined) continue;
      touched.add(landed.streamId);
      caused.push({ streamId: landed.streamId, revision: landed.revision, sub: as });
    }
    return body;
  };

  const created = async (
    url: string,
    body: unknown,
    as: Person,
    headers?: Record<string, string>,
  ) => accepted(url, await post(url, body, as, headers), 201, as);

  const ok = async (url: string, body: unknown, as: Person) =>
    accepted(url, await post(url, body, as), 200, as);

  /** Refused with `status`/`type`, and nothing at all was appended anywhere. */
  const expectRefused = async (request: Promise<Reply>, status: number, type: string) => {
    const head = await w.t.store.headPosition();
    expectProblem(await request, status, type);
    expect(await w.t.store.headPosition()).toBe(head);
  };

  const eventsOf = (streamId: string): Promise<RecordedEvent[]> => w.t.store.readStream(streamId);

  /** The stream's last revision (-1 for a stream with no events yet). */
  const headOf = async (streamId: string) => (await eventsOf(streamId)).at(-1)?.revision ?? -1;

  const appendedSince = async (streamId: string, revision: number) =>
    (await eventsOf(streamId)).filter((event) => event.revision > revision);

  const typesAppendedSince = async (streamId: string, revision: number) =>
    (await appendedSince(streamId, revision)).map((event) => event.type);

  const lastOf = async (streamId: string) => (await eventsOf(streamId)).at(-1)!;

  // ---- every read model, at the head of the log ---------------------------------------------

  /** The day the read models are asked about: the FAC, the scenario's last business date. */
  const asOf = '2026-10-12';

  /** GET with `minPosition` = the head of the log: 200, and X-Read-Position says the head. */
  const read = async <T = Record<string, unknown>>(path: string): Promise<T> => {
    const head = await w.t.store.headPosition();
    const url = `${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`;
    const reply = await http.get(url, tokens.paula);
    expect({ url, status: reply.statusCode }).toEqual({ url, status: 200 });
    expect({ url, served: reply.headers['x-read-position'] }).toEqual({ url, served: `${head}` });
    return reply.json<T>();
  };

  /**
   * One query per declared read route (READ_ROUTES), as step 13 asks it: step 14 asks them
   * again. Path ids are the story's program, contract and project; a route that takes `asOf` is
   * asked about the FAC, one that filters by program about the story's program.
   */
  const everyReadModelQuery = (): string[] =>
    READ_ROUTES.map((route) => {
      const ids: Readonly<Record<string, string>> = {
        programId: w.programId,
        contractId: w.contractId,
        projectId: w.projectId,
      };
      const path = `/${route.path}`.replace(/:(\w+)/g, (_, name: string) => {
        const id = ids[name];
        if (id === undefined) throw new Error(`the scenario has no :${name} for ${route.path}`);
        return id;
      });
      const query = [
        ...('programId' in route.query ? [`programId=${w.programId}`] : []),
        ...('asOf' in route.query ? [`asOf=${asOf}`] : []),
      ];
      return query.length === 0 ? path : `${path}?${query.join('&')}`;
    });

  /** The `nth` event of `type` on the stream (whose times the read models must show as stored). */
  const eventOf = async (streamId: string, type: string, nth = 0): Promise<RecordedEvent> => {
    const found = (await eventsOf(streamId)).filter((event) => event.type === type)[nth];
    if (!found) throw new Error(`no ${type} #${nth} on ${streamId}`);
    return found;
  };

  const effectiveAtOf = async (streamId: string, type: string, nth = 0) =>
    (await eventOf(streamId, type, nth)).metadata.effectiveAt;

  const recordedAtOf = async (streamId: string, type: string, nth = 0) =>
    (await eventOf(streamId, type, nth)).recordedAt;

  return Object.assign(w, {
    tokens,
    touched,
    caused,
    http,
    post,
    accepted,
    created,
    ok,
    expectRefused,
    eventsOf,
    headOf,
    appendedSince,
    typesAppendedSince,
    lastOf,
    asOf,
    read,
    everyReadModelQuery,
    eventOf,
    effectiveAtOf,
    recordedAtOf,
  });
}

export type ScenarioWorld = ReturnType<typeof scenarioWorld>;
