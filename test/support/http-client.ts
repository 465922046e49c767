import type { Role } from '@ledger/domain';
import type { TestApp } from './test-app';

/** What `app.inject` answers. */
export type Reply = Awaited<ReturnType<TestApp['app']['inject']>>;

export type Headers = Record<string, string>;

export interface HttpClient {
  /** POST a JSON body (`JSON.stringify`ed) with a bearer token (the client's default if omitted). */
  post(url: string, body: unknown, token?: string, headers?: Headers): Promise<Reply>;
  /**
   * POST with the token first and an optional body: without a body, no payload and no
   * content-type are sent.
   */
  postAs(url: string, token: string, body?: unknown, headers?: Headers): Promise<Reply>;
  /**
   * `post` that must be accepted (200 or 201): throws with the status and body otherwise, and
   * answers the parsed body.
   */
  postOk(url: string, body: unknown, token?: string): Promise<{ id?: string }>;
  /** GET with a bearer token (the client's default if omitted). */
  get(url: string, token?: string, headers?: Headers): Promise<Reply>;
}

/**
 * A small HTTP client over `t.app.inject`. Both the app and the default token are read lazily,
 * so the client can be made at describe time, before `beforeAll` has started the app.
 */
export function httpClient(app: () => TestApp, defaultToken: () => string = noDefault): HttpClient {
  const post = (url: string, body: unknown, token = defaultToken(), headers: Headers = {}) =>
    app().app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(body),
    });
  const postAs = (url: string, token: string, body?: unknown, headers: Headers = {}) =>
    app().app.inject({
      method: 'POST',
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  const get = (url: string, token = defaultToken(), headers: Headers = {}) =>
    app().app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
  const postOk = async (url: string, body: unknown, token = defaultToken()) => {
    const response = await post(url, body, token);
    if (response.statusCode !== 200 && response.statusCode !== 201) {
      throw new Error(`POST ${url} answered ${response.statusCode}: ${response.body}`);
    }
    return response.json<{ id?: string }>();
  };
  return { post, postAs, postOk, get };
}

function noDefault(): string {
  throw new Error('this client has no default token: pass one');
}

/** Who a token is for: `sub` defaults to the person's key, `programs` to every program. */
export interface Person {
  readonly sub?: string;
  readonly roles: readonly Role[];
  readonly programs?: '*' | string[];
}

/** One token per person, keyed as in `people`. */
export async function tokensFor<K extends string>(
  t: TestApp,
  people: Record<K, Person>,
): Promise<Record<K, string>> {
  const tokens = {} as Record<K, string>;
  for (const [key, { sub = key, roles, programs = '*' }] of Object.entries(people) as Array<
    [K, Person]
  >) {
    tokens[key] = await t.token({ sub, roles: [...roles], programs });
  }
  return tokens;
}
