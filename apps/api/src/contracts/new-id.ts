import { randomUUID } from 'node:crypto';
import { deterministicUuid, type CommandContext } from '@ledger/command-path';
import type { Principal } from '../auth/principal';

/**
 * The id of a thing a request creates (contract, obligation, amendment): derived from the
 * Idempotency-Key when there is one, so a retry lands on the same id; `scope` keeps ids of
 * different kinds (and parents) apart.
 */
export function newId(scope: string, principal: Principal, context: CommandContext): string {
  return context.idempotency
    ? deterministicUuid(`${scope}\n${principal.sub}\n${context.idempotency.key}`)
    : randomUUID();
}
