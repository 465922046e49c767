import { randomUUID } from 'node:crypto';
import { deterministicUuid, type CommandContext } from '@ledger/command-path';
import type { Principal } from '../auth/principal';

/**
 * Id of a new thing inside a project when the client chose none: derived from the
 * Idempotency-Key when there is one (a retry addresses the same thing), random otherwise.
 */
export function generatedId(
  kind: string,
  projectId: string,
  principal: Principal,
  context: CommandContext,
): string {
  return context.idempotency
    ? deterministicUuid(`${kind}\n${projectId}\n${principal.sub}\n${context.idempotency.key}`)
    : randomUUID();
}
