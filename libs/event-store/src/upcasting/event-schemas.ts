import type { RecordedEvent } from '../event-envelope';
import { UpcasterRegistry, type Upcaster } from './upcaster-registry';

/**
 * What the read path needs to hand out current shapes: the current schemaVersion of every event
 * type, and the steps that bring older versions up to it (P6). Built once from the aggregates'
 * declarations; every step from v1 up to the current version must exist, so a version bumped
 * without its upcaster fails at start, not on the first old event read.
 */
export class EventSchemas {
  private readonly registry: UpcasterRegistry;
  private readonly current = new Map<string, number>();

  constructor(
    currentVersions: Readonly<Record<string, number>>,
    upcasters: readonly Upcaster[] = [],
  ) {
    this.registry = new UpcasterRegistry(upcasters);
    for (const [type, version] of Object.entries(currentVersions)) {
      for (let from = 1; from < version; from += 1) {
        if (!this.registry.has(type, from)) throw new Error(`no upcaster for ${type} v${from}`);
      }
      this.current.set(type, version);
    }
  }

  /** Merges several declarations (one per aggregate); a type declared twice must agree. */
  static merge(
    declarations: readonly {
      readonly schemaVersions: Readonly<Record<string, number>>;
      readonly upcasters?: readonly Upcaster[];
    }[],
  ): EventSchemas {
    const versions: Record<string, number> = {};
    for (const { schemaVersions } of declarations) {
      for (const [type, version] of Object.entries(schemaVersions)) {
        const known = versions[type];
        if (known !== undefined && known !== version) {
          throw new Error(`${type} is declared at v${known} and at v${version}`);
        }
        versions[type] = version;
      }
    }
    return new EventSchemas(
      versions,
      declarations.flatMap((declaration) => declaration.upcasters ?? []),
    );
  }

  /** The current version of `type`, or undefined for a type no declaration names. */
  currentVersion(type: string): number | undefined {
    return this.current.get(type);
  }

  /**
   * The event in its current shape: `schemaVersion` and `data` upcast, everything else (ids,
   * positions, `prevHash`, `hash`) as stored. An event already current, of an undeclared type,
   * or newer than this build is returned as it is (the same object): whoever folds it decides
   * what an unknown or newer event means.
   */
  toCurrent(event: RecordedEvent): RecordedEvent {
    const current = this.current.get(event.type);
    if (current === undefined || event.schemaVersion >= current) return event;
    const { schemaVersion, data } = this.registry.upcast(event, current);
    return { ...event, schemaVersion, data };
  }
}
