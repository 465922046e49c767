import { randomUUID } from 'node:crypto';
import { deterministicUuid, type CommandContext } from '@ledger/command-path';

/**
 * The id of a thing a request creates when the client chose none: derived from the
 * Idempotency-Key when there is one, so a retry lands on the same id (and stream); random
 * otherwise. `scope` keeps ids of different kinds and parents apart (`'risk'`,
 * `` `obligation\n${contractId}` ``); the caller (`context.actor.sub`) keeps callers apart.
 */
export function newId(scope: string, context: CommandContext): string {
  return context.idempotency
    ? deterministicUuid(`${scope}\n${context.actor.sub}\n${context.idempotency.key}`)
    : randomUUID();
}
