import * as domain from '.';
import { AGGREGATES, type AnyAggregateDefinition } from '.';

/** A value the library exports that has the shape of an aggregate definition. */
function isDefinition(value: unknown): value is AnyAggregateDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof AnyAggregateDefinition, unknown>>;
  return (
    typeof candidate.name === 'string' &&
    typeof candidate.decider === 'object' &&
    typeof candidate.schemaVersions === 'object' &&
    typeof candidate.streamId === 'function'
  );
}

const exported = Object.entries(domain).filter(([, value]) => isDefinition(value));

describe('AGGREGATES and the library index cannot drift apart', () => {
  it('lists every aggregate definition the library exports, and nothing it does not export', () => {
    expect(exported.length).toBeGreaterThan(0);
    const listed = new Set<unknown>(AGGREGATES);
    expect(exported.filter(([, value]) => !listed.has(value)).map(([name]) => name)).toEqual([]);
    const exportedValues = new Set<unknown>(exported.map(([, value]) => value));
    expect(AGGREGATES.filter((d) => !exportedValues.has(d)).map((d) => d.name)).toEqual([]);
  });

  it('exports each definition as <camelCaseName>Aggregate', () => {
    const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    for (const [exportName, definition] of exported) {
      expect(exportName).toBe(`${camel((definition as AnyAggregateDefinition).name)}Aggregate`);
    }
  });

  it('gives each aggregate its own name, stream prefix and event types', () => {
    const names = AGGREGATES.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    // The ledger CLI finds a stream's aggregate by prefix: no prefix may start another.
    const prefixes = AGGREGATES.map((d) => d.streamId(''));
    for (const prefix of prefixes) {
      expect(prefixes.filter((other) => other.startsWith(prefix))).toEqual([prefix]);
    }
    const types = AGGREGATES.flatMap((d) => Object.keys(d.schemaVersions));
    expect(new Set(types).size).toBe(types.length);
  });
});
