import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { RequestValidationError } from './request-validation';

/** The body is not JSON (or is empty, or tries prototype pollution): answered 400 malformed-json. */
export class MalformedJsonError extends Error {
  override readonly name = 'MalformedJsonError';
}

/** The body declares a charset other than UTF-8: answered 415 unsupported-media-type. */
export class UnsupportedCharsetError extends Error {
  override readonly name = 'UnsupportedCharsetError';
  constructor(readonly charset: string) {
    super(
      `charset=${charset} is not accepted; send the JSON body as UTF-8 (charset=utf-8 or none)`,
    );
  }
}

/**
 * No command body is deeper than a handful of levels. Validation walks bodies recursively
 * (Nest's prototype-key stripping, class-transformer), so a 2.6 KB body of 1,300 nested
 * arrays overflowed the stack (a 500): refuse the depth before anything recurses.
 */
export const MAX_BODY_DEPTH = 32;

/**
 * No array in any command body may hold more elements than this, whatever its field: the
 * per-field `@ArrayMaxSize` bounds (at most 1,000) are checked again, before nested
 * validation, by the validation pipe; this cap bounds what even an unknown field can make
 * class-transformer build.
 */
export const MAX_BODY_ARRAY_LENGTH = 10_000;

/**
 * JSON is the only body this API reads. Fastify's own parsers would also take text/plain (so a
 * form post would reach validation as a string) and raise errors that Nest re-wraps without
 * their code; this parser accepts only application/json in UTF-8, refuses `__proto__` /
 * `constructor` keys as Fastify does, refuses bodies nested deeper than MAX_BODY_DEPTH or with
 * arrays longer than MAX_BODY_ARRAY_LENGTH, and raises typed errors the problem filter names.
 */
export function acceptOnlyJsonBodies(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (request, body: Buffer, done) => {
      const charset = charsetOf(request.headers['content-type']);
      if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
        done(new UnsupportedCharsetError(charset), undefined);
        return;
      }
      const text = body.toString('utf8');
      if (text.trim() === '') {
        done(new MalformedJsonError('the body is empty; send a JSON object'), undefined);
        return;
      }
      const depth = nestingDepthOf(text);
      if (depth > MAX_BODY_DEPTH) {
        done(tooDeep(), undefined);
        return;
      }
      let parsed: unknown;
      try {
        parsed = secureJson.parse(text, undefined, {
          protoAction: 'error',
          constructorAction: 'error',
        });
      } catch (error) {
        done(
          new MalformedJsonError(
            `the body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
          ),
          undefined,
        );
        return;
      }
      const longArray = firstArrayLongerThan(parsed, MAX_BODY_ARRAY_LENGTH);
      if (longArray !== undefined) {
        done(
          new RequestValidationError([
            {
              field: longArray === '' ? '(body)' : longArray,
              rule: 'arrayMaxSize',
              message: `no array in a body may hold more than ${MAX_BODY_ARRAY_LENGTH} elements`,
            },
          ]),
          undefined,
        );
        return;
      }
      done(null, parsed);
    },
  );
}

function tooDeep(): RequestValidationError {
  return new RequestValidationError([
    {
      field: '(body)',
      rule: 'maxDepth',
      message: `the body is nested more than ${MAX_BODY_DEPTH} levels deep`,
    },
  ]);
}

/** `application/json; charset=UTF-16` → `utf-16`; undefined when no charset is declared. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

/**
 * The deepest nesting of `[`/`{` in a JSON text, scanned without parsing (strings skipped), so
 * the depth is known before any recursive code sees the value. Stops counting once past the
 * limit. Malformed text is left for the parser to refuse.
 */
export function nestingDepthOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c /* \ */) index++;
      else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > MAX_BODY_DEPTH) return deepest;
      }
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) depth--;
  }
  return deepest;
}

/**
 * The path of the first array longer than `max` (`''` for the body itself), walked without
 * recursion; undefined when there is none. The depth is already bounded, so the path stack is
 * small.
 */
export function firstArrayLongerThan(value: unknown, max: number): string | undefined {
  const pending: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: node, path } = next;
    if (Array.isArray(node)) {
      if (node.length > max) return path;
      node.forEach((element, index) => {
        if (isContainer(element)) pending.push({ value: element, path: `${path}[${index}]` });
      });
    } else if (isContainer(node)) {
      for (const [key, element] of Object.entries(node)) {
        if (isContainer(element))
          pending.push({ value: element, path: path === '' ? key : `${path}.${key}` });
      }
    }
  }
  return undefined;
}

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}
