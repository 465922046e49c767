import type { Actor } from './actor';

/**
 * What every command carries besides its own data. `decide` is pure: the clock and the caller's
 * identity come in here, never from Date.now() or a request object.
 */
export interface CommandMeta {
  readonly actor: Actor;
  /** When the command is decided (ISO 8601). */
  readonly now: string;
  /** Business time the resulting facts are true from (ISO 8601); defaults to `now`. */
  readonly effectiveAt: string;
}

export interface Command<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
  readonly meta: CommandMeta;
}

/** Domain events are plain JSON-safe data named in the past tense. */
export interface DomainEvent<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
}

/** Any event of any aggregate, as the shell handles it. */
export type AnyDomainEvent = DomainEvent<string, unknown>;
