import type { EventStore } from './event-store.port';
import { storedEvents } from './upcasting';

/**
 * An optional capability (one method beyond the port) of the adapter under any upcasting
 * decorator, bound to that adapter, or undefined when the adapter does not offer it. Auditing code
 * uses these to skip work where an adapter keeps more than the port promises (stored text, a hash
 * column), and falls back to the port's whole events elsewhere.
 */
export function adapterCapability<Capability extends object>(
  store: EventStore,
  method: keyof Capability & string,
): Capability | undefined {
  const stored = storedEvents(store);
  const implementation: unknown = Reflect.get(stored, method);
  if (typeof implementation !== 'function') return undefined;
  const bound: unknown = implementation.bind(stored);
  // One method, bound to the adapter: exactly the Capability interface's shape.
  return { [method]: bound } as Capability;
}
