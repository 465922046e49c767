import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemType, type ProblemDetails } from './problem-details';
import { sendProblem } from './problem-details.filter';
import { resourceIdMessage } from './resource-id';

/**
 * Errors Fastify raises before a route (and so Nest's exception filter) is reached: a path
 * parameter over the router's length limit, a URL that cannot be decoded. Answered as
 * problem+json with the correlation id like every other error, not as Fastify's own JSON.
 */
export function answerFrameworkError(
  error: Error & { code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    // Every path parameter of this API is a resource id of at most 100 characters: the same
    // 400 the IdParamPipe gives a malformed id, rather than a 414 for a URI that is not long.
    sendProblem(reply, request, {
      type: problemType('validation-failed'),
      title: 'The request is not valid',
      status: 400,
      detail: 'a path parameter is longer than 100 characters',
      errors: [{ field: 'path', rule: 'idFormat', message: resourceIdMessage('a path id') }],
    });
    return;
  }
  sendProblem(reply, request, {
    type: problemType('bad-request'),
    title: 'The URL cannot be read',
    status: 400,
    detail: error.message,
  });
}

/**
 * Errors Node's HTTP parser raises on a connection before any request exists (Fastify's
 * `clientErrorHandler`): headers over the size limit (431), a request that took too long (408),
 * bytes that are not HTTP (400). Written straight to the socket as problem+json with a fresh
 * correlation id, since no request object (and so no reply) exists.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'request-header-fields-too-large', 'the request headers exceed the size limit']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request-timeout', 'the request was not received in time']
        : [400, 'bad-request', 'the request is not valid HTTP'];
  const correlationId = randomUUID();
  const problem: ProblemDetails = {
    type: problemType(code),
    title: STATUS_CODES[status] ?? 'Client error',
    status,
    detail,
    correlationId,
  };
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Correlation-Id: ${correlationId}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
