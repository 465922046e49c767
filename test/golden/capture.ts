import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedEvent } from '@ledger/event-store';
import { READ_STORE, type ReadDocument, type ReadStore } from '@ledger/read-store';
import { people } from '../delivery-program/support';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 8's before/after proof: the delivery-program story replayed over HTTP against the real
 * app, and everything it leaves behind recorded in one JSON document: every HTTP answer, every
 * stored event envelope and every document of every read model once the projector has caught up.
 *
 * The requests (`scenario.requests.json`) are the ones the delivery-program scenario
 * (`test/delivery-program/`) sends, recorded from it (its admin rebuild round left out), plus a
 * survey's lifecycle, so every command area and every read-model route is touched. An id the app generated is written
 * `{{name}}` there and taken from the answer that created it (`capture`: name → JSON path).
 *
 * Determinism: each POST carries a fixed Idempotency-Key and every request a fixed
 * X-Correlation-Id (`golden-<step>`), unless the scenario set one itself; the clock (`Date` only,
 * timers stay real) starts at a fixed instant; read-model queries name their `asOf`. What is
 * still random is normalised: uuids become `<uuid-N>` in order of first appearance, hashes
 * (`hash`, `prevHash`, `requestHash`: they cover recordedAt and command ids) become `<sha256>`, and any instant in the
 * run's window becomes `<now>`.
 */

/** The instant the clock starts at: after every business date of the scenario. */
export const GOLDEN_NOW = new Date('2026-12-01T08:00:00.000Z');
/** Instants in [GOLDEN_NOW, GOLDEN_NOW + this] are "now" (the run takes seconds). */
const NOW_WINDOW_MS = 30 * 60 * 1000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Step {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly as: string;
  readonly headers?: Record<string, string>;
  readonly body?: Json;
  /** The status the scenario expects (the replay fails fast when it drifts). */
  readonly status: number;
  /** Ids this answer creates: placeholder name → JSON path in the answer body. */
  readonly capture?: Record<string, ReadonlyArray<string | number>>;
}

export interface GoldenCapture {
  readonly answers: Json[];
  readonly events: Json[];
  readonly readModels: Json[];
}

export const steps = (): Step[] =>
  JSON.parse(readFileSync(join(__dirname, 'scenario.requests.json'), 'utf8')) as Step[];

/** Replays the story on a fresh app and answers the normalised capture. */
export async function captureScenario(): Promise<GoldenCapture> {
  const t = await startTestApp();
  try {
    const tokens = new Map<string, string>();
    for (const [sub, roles] of Object.entries(people)) {
      tokens.set(sub, await t.token({ sub, roles: [...roles], ttlSeconds: 3600 }));
    }
    const token = (sub: string) => {
      const found = tokens.get(sub);
      if (!found) throw new Error(`no token for ${sub}`);
      return found;
    };

    const answers = await replay(t, token);
    const head = await t.store.headPosition();
    await caughtUp(t, token('olga'), head);
    const events = await allEvents(t);
    const readModels = await allReadModels(t, token('olga'));
    return normalise({ answers, events, readModels }) as unknown as GoldenCapture;
  } finally {
    await t.close();
  }
}

async function replay(t: TestApp, token: (sub: string) => string): Promise<Json[]> {
  const ids = new Map<string, string>();
  const fill = (text: string) =>
    text.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
      const id = ids.get(name);
      if (id === undefined) throw new Error(`{{${name}}} was never created`);
      return id;
    });
  const answers: Json[] = [];
  for (const [index, step] of steps().entries()) {
    const url = fill(step.url);
    const key = `golden-${index}`;
    const headers: Record<string, string> = {
      authorization: `Bearer ${token(step.as)}`,
      'x-correlation-id': key,
      ...(step.method === 'POST' ? { 'idempotency-key': key } : {}),
      ...(step.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...step.headers,
    };
    const reply = await t.app.inject({
      method: step.method,
      url,
      headers,
      ...(step.body === undefined ? {} : { payload: fill(JSON.stringify(step.body)) }),
    });
    if (reply.statusCode !== step.status) {
      throw new Error(
        `step ${index} ${step.method} ${step.url} answered ${reply.statusCode}, the scenario expects ${step.status}: ${reply.body}`,
      );
    }
    const body = parse(reply.body);
    for (const [name, path] of Object.entries(step.capture ?? {})) {
      const value = path.reduce<unknown>(
        (at, key) => (at as Record<string | number, unknown> | undefined)?.[key],
        body,
      );
      if (typeof value !== 'string') throw new Error(`step ${index}: no id at ${path.join('.')}`);
      ids.set(name, value);
    }
    // Date and the rate-limit window's remaining seconds depend on the wall clock.
    const { date: _date, 'x-ratelimit-reset': _reset, ...kept } = reply.headers;
    answers.push({
      step: index,
      request: `${step.method} ${step.url}`,
      as: step.as,
      status: reply.statusCode,
      headers: JSON.parse(JSON.stringify(kept)) as Json,
      body,
    });
  }
  return answers;
}

/** Waits (not recorded) until every read model's checkpoint is at the head of the log. */
async function caughtUp(t: TestApp, admin: string, head: number): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const listed = await t.app.inject({
      method: 'GET',
      url: '/api/admin/read-models',
      headers: { authorization: `Bearer ${admin}` },
    });
    const items = listed.json<{ items: Array<{ checkpoint: number }> }>().items;
    if (items.length > 0 && items.every(({ checkpoint }) => checkpoint >= head)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the read models did not reach position ${head}`);
}

async function allEvents(t: TestApp): Promise<Json[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const batch = await t.store.readAll({ after: events.at(-1)?.position ?? 0, maxCount: 500 });
    if (batch.length === 0) break;
    events.push(...batch);
  }
  return events.map((event) => JSON.parse(JSON.stringify(event)) as Json);
}

async function allReadModels(t: TestApp, admin: string): Promise<Json[]> {
  const listed = await t.app.inject({
    method: 'GET',
    url: '/api/admin/read-models',
    headers: { authorization: `Bearer ${admin}` },
  });
  const items = listed.json<{ items: Array<{ name: string; collection: string }> }>().items;
  const readStore = t.app.get<ReadStore>(READ_STORE);
  const models: Json[] = [];
  for (const item of items) {
    const documents = await readStore.find<ReadDocument>(item.collection);
    models.push({
      status: JSON.parse(JSON.stringify(item)) as Json,
      documents: JSON.parse(JSON.stringify(documents)) as Json,
    });
  }
  return models;
}

function parse(body: string): Json {
  try {
    return JSON.parse(body) as Json;
  } catch {
    return body;
  }
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/**
 * Hashes over something random: the chain's links cover recordedAt and the command id, and a
 * reaction's request hash covers the triggering event's envelope.
 */
const CHAIN_KEYS = new Set(['hash', 'prevHash', 'requestHash']);
const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;

/** Replaces what differs from run to run by stable placeholders (see the file's comment). */
export function normalise(value: Json): Json {
  const uuids = new Map<string, string>();
  const start = GOLDEN_NOW.getTime();
  const text = (input: string) =>
    input
      .replace(UUID, (uuid) => {
        const key = uuid.toLowerCase();
        if (!uuids.has(key)) uuids.set(key, `<uuid-${uuids.size + 1}>`);
        return uuids.get(key)!;
      })
      .replace(INSTANT, (instant) => {
        const at = Date.parse(instant);
        return at >= start && at <= start + NOW_WINDOW_MS ? '<now>' : instant;
      });
  const walk = (node: Json, key = ''): Json => {
    if (typeof node === 'string') return CHAIN_KEYS.has(key) ? '<sha256>' : text(node);
    if (Array.isArray(node)) return node.map((child) => walk(child));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([name, child]) => [text(name), walk(child, name)]),
      );
    }
    return node;
  };
  return walk(value);
}
