import type { ArgumentsHost } from '@nestjs/common';
import Fastify, { type FastifyInstance } from 'fastify';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { logRequests, RequestLog, requestLogOf } from './request-log';

/** A RequestLog writing its lines into an array, parsed. */
function capturedLog(level: string): { log: RequestLog; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = new RequestLog(level, {
    write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { log, lines };
}

/** A Fastify instance whose request id is the X-Correlation-Id, as createHttpApp sets it up. */
function server(log: RequestLog): FastifyInstance {
  const fastify = Fastify({
    genReqId: (request) => {
      const id = String(request.headers['x-correlation-id'] ?? 'generated');
      (request as typeof request & { id?: string }).id = id;
      return id;
    },
  });
  logRequests(fastify, log);
  fastify.post('/api/things', async (_request, reply) => reply.code(201).send({ ok: true }));
  fastify.get('/health', (_request, reply) => reply.send({ status: 'ok' }));
  fastify.get('/boom', async (request, reply) => {
    const host = {
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
    } as unknown as ArgumentsHost;
    new ProblemDetailsFilter().catch(new Error('the store fell over'), host);
    return reply;
  });
  fastify.get('/slow', () => new Promise(() => undefined));
  return fastify;
}

const headers = {
  'x-correlation-id': 'corr-42',
  authorization: 'Bearer secret-token',
  cookie: 'session=secret',
  'content-type': 'application/json',
};

describe('RequestLog', () => {
  it("writes pino-http's line when a request ends: the request (its id the correlation id, secrets redacted), the answer's status, the time", async () => {
    const { log, lines } = capturedLog('info');
    const fastify = server(log);
    await fastify.inject({
      method: 'POST',
      url: '/api/things?dry=1',
      headers,
      payload: '{}',
    });
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(Object.keys(line!)).toEqual([
      'level',
      'time',
      'pid',
      'hostname',
      'req',
      'res',
      'responseTime',
      'msg',
    ]);
    expect(line).toMatchObject({
      level: 30,
      req: {
        id: 'corr-42',
        method: 'POST',
        url: '/api/things?dry=1',
        query: { dry: '1' },
        headers: {
          'x-correlation-id': 'corr-42',
          authorization: '[Redacted]',
          cookie: '[Redacted]',
          'content-type': 'application/json',
        },
        remoteAddress: '127.0.0.1',
      },
      res: { statusCode: 201, headers: {} },
      msg: 'request completed',
    });
    expect(Number.isInteger(line!['responseTime'])).toBe(true);
    await fastify.close();
  });

  it('leaves health probes out', async () => {
    const { log, lines } = capturedLog('info');
    const fastify = server(log);
    await fastify.inject({ method: 'GET', url: '/health' });
    expect(lines).toEqual([]);
    await fastify.close();
  });

  it("writes a 5xx as `request errored`, and the problem filter's line about it carries the request and its correlation id", async () => {
    const { log, lines } = capturedLog('info');
    const fastify = server(log);
    const answer = await fastify.inject({ method: 'GET', url: '/boom', headers });
    expect(answer.statusCode).toBe(500);
    expect(lines).toHaveLength(2);
    const [problem, errored] = lines;
    expect(Object.keys(problem!)).toEqual([
      'level',
      'time',
      'pid',
      'hostname',
      'req',
      'context',
      'msg',
    ]);
    expect(problem).toMatchObject({
      level: 50,
      req: { id: 'corr-42', url: '/boom', headers: { authorization: '[Redacted]' } },
      context: 'Problem',
    });
    expect(problem!['msg']).toMatch(/^Error: the store fell over\n\s+at /);
    expect(errored).toMatchObject({
      level: 30,
      req: { id: 'corr-42' },
      res: { statusCode: 500 },
      err: { type: 'Error', message: 'failed with status code 500' },
      msg: 'request errored',
    });
    await fastify.close();
  });

  it('writes the line of a request whose client went away before the answer', async () => {
    const { log, lines } = capturedLog('info');
    const fastify = server(log);
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    const { port } = fastify.server.address() as AddressInfo;
    const client = httpRequest({ port, path: '/slow', headers });
    client.on('error', () => undefined);
    client.end();
    await new Promise((resolve) => setTimeout(resolve, 200));
    client.destroy();
    for (let waited = 0; lines.length === 0 && waited < 2000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      req: { id: 'corr-42', url: '/slow' },
      msg: 'request completed',
    });
    await fastify.close();
  });

  it('builds nothing per request when the level leaves request lines out: no listener, no child logger', async () => {
    const { log, lines } = capturedLog('warn');
    const child = jest.spyOn(log.logger, 'child');
    const fastify = server(log);
    fastify.get('/listeners', async (_request, reply) => ({
      onFinish: reply.raw.listenerCount('finish'),
      onClose: reply.raw.listenerCount('close'),
    }));
    const quiet = await fastify.inject({ method: 'GET', url: '/listeners', headers });
    const { log: infoLog } = capturedLog('info');
    const logged = await server(infoLog)
      .get('/listeners', async (_request, reply) => ({
        onFinish: reply.raw.listenerCount('finish'),
        onClose: reply.raw.listenerCount('close'),
      }))
      .inject({ method: 'GET', url: '/listeners', headers });
    const more = (answer: typeof quiet) => answer.json<{ onFinish: number; onClose: number }>();
    expect(more(logged).onFinish - more(quiet).onFinish).toBe(1);
    expect(more(logged).onClose - more(quiet).onClose).toBe(1);
    await fastify.inject({ method: 'POST', url: '/api/things', headers, payload: '{}' });
    expect(child).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
    await fastify.close();
  });

  it('builds the child logger that carries the request only when a line is written', async () => {
    const { log } = capturedLog('info');
    const child = jest.spyOn(log.logger, 'child');
    const fastify = server(log);
    fastify.get('/count', (_request, reply) =>
      reply.send({ childrenBeforeTheAnswer: child.mock.calls.length }),
    );
    const answer = await fastify.inject({ method: 'GET', url: '/count', headers });
    expect(answer.json()).toEqual({ childrenBeforeTheAnswer: 0 });
    expect(child).toHaveBeenCalledTimes(1);
    await fastify.close();
  });

  it("is found from a plugin's instance as well as from the one it was given", async () => {
    const { log } = capturedLog('info');
    const fastify = server(log);
    let found: RequestLog | undefined;
    await fastify.register((plugin, _options, done) => {
      found = requestLogOf(plugin);
      done();
    });
    await fastify.ready();
    expect(found).toBe(log);
    expect(requestLogOf(Fastify())).toBeUndefined();
    await fastify.close();
  });
});
