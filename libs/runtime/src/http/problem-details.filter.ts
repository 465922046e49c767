import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorKind } from '@ledger/domain';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from '@ledger/command-path';
import { EventTooLargeError, WrongExpectedRevisionError } from '@ledger/event-store';
import { ReadStoreUnavailableError } from '@ledger/read-store';
import { AuthenticationError, AuthorizationError } from '../auth/auth.errors';
import { PROBLEM_CONTENT_TYPE, problemType, type ProblemDetails } from './problem-details';
import { MalformedJsonError, UnsupportedCharsetError } from './json-body-parser';
import { RequestValidationError } from './request-validation';
import { CORRELATION_HEADER } from './correlation-id';
import { ReadModelBehindError } from '../read-store/read-positions.service';
import { TooManyRequestsError } from './rate-limit';
import { requestLogOf } from '../logging/request-log';

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  'rule-violated': 422,
  'not-found': 404,
  'not-permitted': 403,
  conflict: 409,
};

type ProblemBody = ProblemDetails;

/** How long a client waits before asking again when the read store does not answer. */
const READ_STORE_RETRY_AFTER_SECONDS = 5;

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Errors answered with their own message as the detail and nothing more: class, problem code,
 * title, status. (Every class here extends Error directly, so the order of checks is free.)
 */
const PLAIN_PROBLEMS: readonly (readonly [ErrorClass, string, string, number])[] = [
  [UnsupportedCharsetError, 'unsupported-media-type', 'The body must be UTF-8 JSON', 415],
  [TooManyRequestsError, 'too-many-requests', 'Too many requests', 429],
  [MalformedJsonError, 'malformed-json', 'The body is not valid JSON', 400],
  [AuthenticationError, 'unauthenticated', 'Authentication required', 401],
  [ConcurrencyConflictError, 'concurrency-conflict', 'The resource changed concurrently', 409],
  [WrongExpectedRevisionError, 'concurrency-conflict', 'The resource changed concurrently', 409],
  // Issue 13, item 7: an event no store of ours takes (MAX_EVENT_BYTES); nothing was written.
  [EventTooLargeError, 'payload-too-large', 'Event too large', 413],
  [
    IdempotencyKeyReusedError,
    'idempotency-key-reused',
    'Idempotency-Key already used for another request',
    422,
  ],
];

/** Maps every error to problem+json once (STYLE 4): libraries throw their own errors, never HTTP ones. */
export function toProblem(error: unknown): ProblemBody {
  if (error instanceof RequestValidationError) {
    return {
      type: problemType('validation-failed'),
      title: 'The request is not valid',
      status: 400,
      detail: error.message,
      errors: error.problems,
      ...(error.unlisted > 0 ? { unlistedErrors: error.unlisted } : {}),
    };
  }
  if (error instanceof ReadModelBehindError) {
    return {
      type: problemType('read-model-behind'),
      title: 'The read model has not caught up yet',
      status: 503,
      detail: error.message,
      details: { minPosition: error.minPosition, position: error.reached },
    };
  }
  if (error instanceof ReadStoreUnavailableError) {
    return {
      type: problemType('read-store-unavailable'),
      title: 'The read store does not answer',
      status: 503,
      // The driver's message names hosts and topology: kept in the logs, not sent to clients.
      detail:
        'The read models are unavailable for a moment; retry later. Commands are still recorded.',
    };
  }
  if (error instanceof DomainError) {
    return {
      type: problemType(error.code),
      title: titleOf(error.code),
      status: STATUS_OF_KIND[error.kind],
      detail: error.message,
      ...(error.details ? { details: error.details } : {}),
    };
  }
  if (error instanceof AuthorizationError) {
    return {
      type: problemType(error.code),
      title: 'Not allowed',
      status: 403,
      detail: error.message,
    };
  }
  const plain = PLAIN_PROBLEMS.find(([errorClass]) => error instanceof errorClass);
  if (plain && error instanceof Error) {
    const [, code, title, status] = plain;
    return { type: problemType(code), title, status, detail: error.message };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    return {
      type: problemType(HTTP_CODES[status] ?? `http-${status}`),
      title: error.message,
      status,
      detail: error.message,
      // Terminus puts the per-indicator report here; keep it for whoever reads a failed health check.
      ...(typeof response === 'object' && status === 503 ? { details: response } : {}),
    };
  }
  return {
    type: problemType('internal-error'),
    title: 'Internal error',
    status: 500,
    detail: 'The server failed; the correlation id identifies the failure in its logs.',
  };
}

const HTTP_CODES: Record<number, string> = {
  400: 'bad-request',
  503: 'service-unavailable',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
};

function titleOf(code: string): string {
  const sentence = code.replace(/-/g, ' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  problem: ProblemBody,
): void {
  // The onRequest hook sets the header; errors raised before it (by the router) use the request id,
  // which is the correlation id too (genReqId).
  const correlationId = reply.getHeader(CORRELATION_HEADER) ?? request.id;
  if (reply.getHeader(CORRELATION_HEADER) === undefined && typeof correlationId === 'string')
    void reply.header(CORRELATION_HEADER, correlationId);
  void reply
    .status(problem.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send({
      ...problem,
      instance: request.url,
      ...(typeof correlationId === 'string' ? { correlationId } : {}),
    });
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const problem = toProblem(error);
    const request = http.getRequest<FastifyRequest>();
    if (problem.status >= 500) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      // Through the request's logger, so the line carries the request and its correlation id.
      const log = requestLogOf(request.server);
      if (log === undefined) this.logger.error(text);
      else log.forRequest(request).error({ context: 'Problem' }, text);
    }
    const reply = http.getResponse<FastifyReply>();
    if (error instanceof ReadModelBehindError || error instanceof TooManyRequestsError) {
      void reply.header('retry-after', String(error.retryAfterSeconds));
    }
    if (error instanceof ReadStoreUnavailableError)
      void reply.header('retry-after', String(READ_STORE_RETRY_AFTER_SECONDS));
    sendProblem(reply, request, problem);
  }
}
