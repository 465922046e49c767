import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

/** The paths whose requests are not logged: health probes every few seconds would drown the log. */
const UNLOGGED_PATHS: ReadonlySet<string> = new Set(['/health']);

/** Headers whose values never reach a log line. */
const REDACTED = ['req.headers.authorization', 'req.headers.cookie'];

/**
 * The request lines of an HTTP process: one `request completed` (or `request errored`, status ≥
 * 500) line per request at info level, and a logger for lines written about one request, each
 * carrying the request (its `id` is the correlation id).
 *
 * The lines, fields and redaction are pino-http's as nestjs-pino mounted it before, but nothing is
 * done per request unless a line is written: pino-http built a child logger per request with the
 * request serialised and redacted, and nestjs-pino entered an AsyncLocalStorage per request,
 * which on Node 20 turns on promise hooks for every promise of the process; at LOG_LEVEL=silent
 * both were ~10–14 % of a command's CPU and ~35 % of the no-op route's (`node --cpu-prof` of the
 * http-commands bench server).
 */
export class RequestLog {
  readonly logger: Logger;

  constructor(level: string, destination?: DestinationStream) {
    const options = {
      level,
      redact: REDACTED,
      // pino-http's (it wraps these; wrapping a standard serialiser returns it unchanged).
      serializers: { req: stdSerializers.req, res: stdSerializers.res, err: stdSerializers.err },
    };
    this.logger = destination === undefined ? pino(options) : pino(options, destination);
  }

  /** Whether any request line would be written (LOG_LEVEL at info or below). */
  get logsRequests(): boolean {
    return this.logger.isLevelEnabled('info');
  }

  /** A logger whose lines carry this request, built when a line is about to be written. */
  forRequest(request: FastifyRequest): Logger {
    const raw: IncomingMessage & { query?: unknown } = request.raw;
    // The request as the line shows it (pino's request serialiser reads these off the raw
    // request): the parsed query string, as the middleware layer used to copy it there.
    raw.query = request.query;
    return this.logger.child({ req: raw });
  }

  /** The line that closes a request: its status, how long it took, and the error for a 5xx. */
  completed(request: FastifyRequest, reply: FastifyReply, responseTime: number): void {
    const raw = request.raw as IncomingMessage & { originalUrl?: string };
    if (UNLOGGED_PATHS.has(raw.originalUrl ?? raw.url ?? '')) return;
    const res = reply.raw;
    if (res.statusCode >= 500) {
      this.forRequest(request).info(
        { res, err: new Error(`failed with status code ${res.statusCode}`), responseTime },
        'request errored',
      );
      return;
    }
    this.forRequest(request).info({ res, responseTime }, 'request completed');
  }
}

const requestLogs = new WeakMap<FastifyInstance, RequestLog>();

/**
 * Writes `log`'s line when each request of `fastify` ends (answered or aborted by the client).
 * Adds no hook at all when the level leaves request lines out, so a silent process pays nothing.
 */
export function logRequests(fastify: FastifyInstance, log: RequestLog): void {
  requestLogs.set(fastify, log);
  if (!log.logsRequests) return;
  // pino-http's listeners: the line is written when the response finishes, or closes first
  // (a client that went away before its answer), once.
  fastify.addHook('onRequest', (request, reply, done) => {
    const start = Date.now();
    const res = reply.raw;
    const end = () => {
      res.removeListener('finish', end);
      res.removeListener('close', end);
      log.completed(request, reply, Date.now() - start);
    };
    res.on('finish', end);
    res.on('close', end);
    done();
  });
}

/**
 * The RequestLog serving `fastify`'s requests, when logRequests was called for it or for the
 * instance it was registered in (a plugin's instance inherits from its parent's).
 */
export function requestLogOf(fastify: FastifyInstance): RequestLog | undefined {
  for (let instance: unknown = fastify; instance !== null;) {
    const log = requestLogs.get(instance as FastifyInstance);
    if (log !== undefined) return log;
    instance = Object.getPrototypeOf(instance);
  }
  return undefined;
}
