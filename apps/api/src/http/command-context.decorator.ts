import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { CommandContext } from '@ledger/command-path';
import { canonicalJson } from '@ledger/event-store';
import { type Principal, RequestValidationError } from '@ledger/runtime';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const ACCEPTABLE_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Builds the CommandContext of a command request: the actor from the verified token (never from
 * the body), the correlation id, a fresh command id, and the Idempotency-Key with a hash of the
 * request it guards (method, path and canonical body).
 */
export const CommandCtx = createParamDecorator(
  (_: unknown, context: ExecutionContext): CommandContext => {
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const principal = request.principal;
    if (!principal) throw new Error('CommandCtx used on a route without the AuthGuard');
    const header = request.headers[IDEMPOTENCY_HEADER];
    let idempotency: CommandContext['idempotency'];
    if (header !== undefined) {
      const key = Array.isArray(header) ? header[0] : header;
      if (key === undefined || !ACCEPTABLE_KEY.test(key)) {
        throw new RequestValidationError([
          {
            field: 'header:Idempotency-Key',
            rule: 'idempotencyKeyFormat',
            message: 'Idempotency-Key must be 1–255 visible ASCII characters',
          },
        ]);
      }
      const requestHash = createHash('sha256')
        .update(
          canonicalJson({
            method: request.method,
            path: request.url.split('?')[0],
            body: request.body ?? null,
          }),
        )
        .digest('hex');
      idempotency = { key, requestHash };
    }
    return {
      actor: { sub: principal.sub, roles: principal.roles },
      correlationId: request.id,
      commandId: randomUUID(),
      ...(idempotency ? { idempotency } : {}),
    };
  },
);
