import { AGGREGATES } from '@ledger/domain';
import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { publicFactOf } from './internal-event-mappers';
import { MAPPED_EVENT_TYPES } from './mapped-event-types';

/**
 * Data that answers every field with itself (an object, a truthy value, an empty list, a string
 * when printed): a mapper case that reads any field and builds a fact from it returns non-null
 * here, so a type that maps to null with this data does so whatever it carries.
 */
function anyData(): JsonObject {
  const handler: ProxyHandler<object> = {
    get: (_target, key) => {
      if (key === Symbol.iterator) return function* nothing() {};
      if (key === Symbol.toPrimitive) return () => 'x';
      if (key === 'length') return 0;
      return everything;
    },
  };
  const everything: object = new Proxy(() => everything, handler);
  return everything as JsonObject;
}

const INTERNAL_TYPES = AGGREGATES.flatMap(({ schemaVersions }) =>
  Object.entries(schemaVersions).map(([type, schemaVersion]) => ({ type, schemaVersion })),
);

function eventOf(type: string, schemaVersion: number, data: JsonObject): RecordedEvent {
  return { type, schemaVersion, data, position: 1 } as unknown as RecordedEvent;
}

describe('MAPPED_EVENT_TYPES', () => {
  it('names only internal event types, each once', () => {
    const known = new Set(INTERNAL_TYPES.map(({ type }) => type));
    expect(MAPPED_EVENT_TYPES.filter((type) => !known.has(type))).toEqual([]);
    expect(new Set(MAPPED_EVENT_TYPES).size).toBe(MAPPED_EVENT_TYPES.length);
  });

  it('leaves out only types that map to nothing, whatever their data', () => {
    const mapped = new Set(MAPPED_EVENT_TYPES);
    const publicLeftOut = INTERNAL_TYPES.filter(({ type }) => !mapped.has(type)).filter(
      ({ type, schemaVersion }) =>
        publicFactOf(eventOf(type, schemaVersion, anyData())) !== null ||
        publicFactOf(eventOf(type, schemaVersion, {})) !== null,
    );
    expect(publicLeftOut).toEqual([]);
  });

  it('keeps the types the program directory learns ownership from', () => {
    expect(MAPPED_EVENT_TYPES).toEqual(
      expect.arrayContaining(['ProjectCreated', 'ContractRegistered']),
    );
  });
});
