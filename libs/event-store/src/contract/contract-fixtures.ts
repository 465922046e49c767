import { randomUUID } from 'node:crypto';
import type { EventMetadata, JsonObject, ProposedEvent, RecordedEvent } from '../event-envelope';
import type { AllSubscription } from '../event-store.port';

/**
 * A category no other test (or earlier run against a shared server) has used: letters and
 * digits only, so the stream id `<category>-<n>` has exactly one category.
 */
export function uniqueCategory(prefix = 'contract'): string {
  return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

export function metadataFor(overrides: Partial<EventMetadata> = {}): EventMetadata {
  const commandId = randomUUID();
  return {
    effectiveAt: '2026-01-15T09:30:00.000Z',
    actor: { sub: 'contract-suite', roles: ['pmo', 'auditor'] },
    correlationId: randomUUID(),
    causationId: commandId,
    commandId,
    ...overrides,
  };
}

export function proposed(
  type: string,
  data: JsonObject = {},
  id: string = randomUUID(),
): ProposedEvent {
  return { id, type, schemaVersion: 1, data, metadata: metadataFor() };
}

/** `count` events of one type, data `{ n }` numbered from `from`. */
export function batchOf(type: string, count: number, from = 0): ProposedEvent[] {
  return Array.from({ length: count }, (_, index) => proposed(type, { n: from + index }));
}

/** The rejection reason of a promise that must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, it resolved');
}

export function delay(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), ms));
}

/** The promise's value, or 'timeout' if it takes longer than `ms` (the timer is cleared). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once `condition` holds, checking every 10 ms; rejects after `ms`. */
/** next() that fails the test instead of hanging it. */
export async function nextWithin(
  iterator: AsyncIterator<RecordedEvent>,
  ms: number,
): Promise<IteratorResult<RecordedEvent>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([iterator.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Takes exactly `count` events from a subscription (failing if one takes longer than `ms`). */
export async function take(
  iterator: AsyncIterator<RecordedEvent>,
  count: number,
  ms = 10_000,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  while (events.length < count) {
    const step = await nextWithin(iterator, ms);
    if (step.done) throw new Error(`subscription ended after ${events.length} of ${count} events`);
    events.push(step.value);
  }
  return events;
}

export function iteratorOf(subscription: AllSubscription): AsyncIterator<RecordedEvent> {
  return subscription[Symbol.asyncIterator]();
}

/** Positions strictly increase (so no event repeats either). */
export function strictlyIncreasing(events: readonly RecordedEvent[]): boolean {
  return events.every(
    (event, index) => index === 0 || event.position > events[index - 1]!.position,
  );
}
