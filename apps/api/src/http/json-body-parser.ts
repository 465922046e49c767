import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';

/** The body is not JSON (or is empty, or tries prototype pollution): answered 400 malformed-json. */
export class MalformedJsonError extends Error {
  override readonly name = 'MalformedJsonError';
}

/**
 * JSON is the only body this API reads. Fastify's own parsers would also take text/plain (so a
 * form post would reach validation as a string) and raise errors that Nest re-wraps without
 * their code; this parser accepts only application/json, refuses `__proto__`/`constructor`
 * keys as Fastify does, and raises one typed error the problem filter names.
 */
export function acceptOnlyJsonBodies(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (_request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') {
        done(new MalformedJsonError('the body is empty; send a JSON object'), undefined);
        return;
      }
      try {
        done(
          null,
          secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }),
        );
      } catch (error) {
        done(
          new MalformedJsonError(
            `the body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
          ),
          undefined,
        );
      }
    },
  );
}
