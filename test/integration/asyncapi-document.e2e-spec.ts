import { buildAsyncApiDocument, PUBLIC_EVENT_TYPES } from '@ledger/contracts';
import { startTestApp, type TestApp } from '../support/test-app';

describe('GET /asyncapi.json', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the AsyncAPI 3 document of the public events, without a token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/asyncapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    const document = response.json();
    expect(document).toEqual(JSON.parse(JSON.stringify(buildAsyncApiDocument())));
    expect(document.asyncapi).toBe('3.0.0');
    expect(Object.keys(document.channels.feed.messages)).toHaveLength(PUBLIC_EVENT_TYPES.length);
  });
});
