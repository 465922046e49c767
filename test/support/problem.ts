import type { Reply } from './http-client';
import type { TestApp } from './test-app';

export const PROBLEM = 'application/problem+json';

/** An RFC 9457 problem answer: the status, a `type` ending in `/<type>`, and the media type. */
export function expectProblem(response: Reply, status: number, type: string): void {
  expect({ status: response.statusCode, type: response.json<{ type: string }>().type }).toEqual({
    status,
    type: expect.stringMatching(new RegExp(`/${type}$`)),
  });
  expect(response.headers['content-type']).toContain(PROBLEM);
}

/**
 * A request that must be refused with nothing written: sends it, checks the problem answer
 * (`expectProblem`) and that the log's head did not move, and answers the reply for any further
 * checks. The refusal specs' one shape instead of a copy in every resource's spec.
 */
export async function expectRefused(
  t: Pick<TestApp, 'store'>,
  send: () => Promise<Reply>,
  status: number,
  type: string,
): Promise<Reply> {
  const before = await t.store.headPosition();
  const response = await send();
  expectProblem(response, status, type);
  expect(await t.store.headPosition()).toBe(before);
  return response;
}

/** The fields a 400 validation-failed answer names. */
export const invalidFields = (response: Reply): string[] =>
  response.json<{ errors: { field: string }[] }>().errors.map((error) => error.field);
