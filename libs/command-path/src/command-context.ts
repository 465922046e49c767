import type { Actor } from '@ledger/domain';

/** What the shell knows about a command besides its data: who, why, and how to retry safely. */
export interface CommandContext {
  readonly actor: Actor;
  /** Ties together everything one user action caused, across services (X-Correlation-Id). */
  readonly correlationId: string;
  /** The id of this command; it is the causationId of the events it produces. */
  readonly commandId: string;
  /** The message that caused this command when it was issued by a reactor; else commandId. */
  readonly causationId?: string;
  /** Business time; defaults to the time of decision. */
  readonly effectiveAt?: string;
  readonly idempotency?: {
    readonly key: string;
    /** sha256 of method, route and canonical body: same key + other request is refused. */
    readonly requestHash: string;
  };
}
