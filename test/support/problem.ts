import type { Reply } from './http-client';

export const PROBLEM = 'application/problem+json';

/** An RFC 9457 problem answer: the status, a `type` ending in `/<type>`, and the media type. */
export function expectProblem(response: Reply, status: number, type: string): void {
  expect({ status: response.statusCode, type: response.json<{ type: string }>().type }).toEqual({
    status,
    type: expect.stringMatching(new RegExp(`/${type}$`)),
  });
  expect(response.headers['content-type']).toContain(PROBLEM);
}
