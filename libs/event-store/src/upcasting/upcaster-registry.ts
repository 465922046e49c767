import type { JsonObject } from '../event-envelope';

/**
 * One step of an event's schema history: the data of `type` stored at `fromVersion` turned into
 * its shape at `fromVersion + 1` (P6). The domain declares the steps (`EventUpcaster` in
 * `@ledger/domain` has this shape); the registry runs them. Pure, JSON in, JSON out.
 */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(data: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

export interface UpcastedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
}

/**
 * Old events are never rewritten (DOMAIN principle 1); readers see them in the current shape by
 * running them through each step from their stored version up to the current one (P6).
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) this.register(upcaster);
  }

  register(upcaster: Upcaster): this {
    const key = UpcasterRegistry.key(upcaster.type, upcaster.fromVersion);
    if (this.steps.has(key)) {
      throw new Error(`two upcasters for ${upcaster.type} v${upcaster.fromVersion}`);
    }
    this.steps.set(key, upcaster);
    return this;
  }

  /** Whether a step from `fromVersion` of `type` is registered. */
  has(type: string, fromVersion: number): boolean {
    return this.steps.has(UpcasterRegistry.key(type, fromVersion));
  }

  /**
   * Brings an event up to `currentVersion`. A missing step is a programming error (an event
   * version was bumped without its upcaster) and fails loudly rather than folding a wrong shape.
   */
  upcast(event: UpcastedEvent, currentVersion: number): UpcastedEvent {
    let { schemaVersion, data } = event;
    if (schemaVersion > currentVersion) {
      throw new Error(
        `${event.type} v${schemaVersion} is newer than this build understands (v${currentVersion})`,
      );
    }
    while (schemaVersion < currentVersion) {
      const step = this.steps.get(UpcasterRegistry.key(event.type, schemaVersion));
      if (!step) throw new Error(`no upcaster for ${event.type} v${schemaVersion}`);
      // Upcasters are pure JSON-to-JSON functions of the domain (Upcaster).
      data = step.upcast(data) as JsonObject;
      schemaVersion += 1;
    }
    return { type: event.type, schemaVersion, data };
  }

  private static key(type: string, version: number): string {
    return `${type}@${version}`;
  }
}
