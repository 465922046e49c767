import { programStreamId, riskStreamId } from '@ledger/domain';
import { programWithProject } from './support/fixtures';
import { httpClient, tokensFor } from './support/http-client';
import { expectProblem } from './support/problem';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * What a field may hold, over HTTP: free text is NFC, not blank, and free of control characters,
 * bidi controls and unpaired surrogates; dates and date-times have an explicit offset and fall in
 * 1970..2199. Each refusal is a 400 naming the field and the rule, and writes nothing.
 */
describe('Field rules over HTTP (clean text, dates)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let projectId: string;

  beforeAll(async () => {
    t = await startTestApp();
    Object.assign(
      tokens,
      await tokensFor(t, {
        paula: { roles: ['pmo'] },
        carla: { roles: ['project-manager'] },
      }),
    );
    ({ projectId } = await programWithProject(http, tokens.paula!, {
      program: 'RAN North',
      contract: {
        customerId: 'cust-1',
        title: 'RAN modernisation',
        value: { amount: 10_000_000_00, currency: 'EUR' },
        signedOn: '2026-01-15',
      },
      project: 'Metro sites',
    }));
  });
  afterAll(() => t.close());

  const http = httpClient(() => t);
  const customer = { customerId: 'cust-1', customerName: 'Nordic Telco' };
  const risk = {
    kind: 'threat',
    title: 'Late delivery of radio units',
    cause: 'Single supplier for the radio units',
    event: 'Radio units arrive after the rollout window opens',
    effect: 'Site integration slips by up to six weeks',
    category: 'supply-chain',
  };
  const createProgram = (body: object) => http.postAs('/api/programs', tokens.paula!, body);
  const raiseRisk = (body: object) =>
    http.postAs(`/api/projects/${projectId}/risks`, tokens.carla!, body);

  /** A 400 `validation-failed` whose only error is `rule` on `field`, and nothing written. */
  async function refused(
    send: () => ReturnType<typeof createProgram>,
    field: string,
    rule: string,
  ) {
    const head = await t.store.headPosition();
    const response = await send();
    expectProblem(response, 400, 'validation-failed');
    expect(response.json().errors).toEqual([expect.objectContaining({ field, rule })]);
    expect(await t.store.headPosition()).toBe(head);
    return response;
  }

  describe('free text', () => {
    const bad: Array<[string, string]> = [
      ['empty', ''],
      ['whitespace only', ' \t '],
      ['NUL', 'North\u0000'],
      ['an escape sequence', '\u001B[2JNorth'],
      ['a C1 control', 'North\u0085'],
      ['a right-to-left override', 'North \u202Egnp.exe'],
      ['a directional isolate', '\u2066North\u2069'],
      ['a lone high surrogate', 'North \uD83D'],
      ['a lone low surrogate', 'North \uDCE1'],
    ];

    it.each(bad)('a program name with %s is a 400 isCleanText', async (_label, name) => {
      const response = await refused(
        () => createProgram({ name, ...customer }),
        'name',
        'isCleanText',
      );
      expect(response.json().errors[0].message).toMatch(/^name must not/);
    });

    it.each(bad)(
      'a risk cause (multi-line) with %s is a 400 isCleanText',
      async (_label, cause) => {
        await refused(() => raiseRisk({ ...risk, cause }), 'cause', 'isCleanText');
      },
    );

    it('every text field is checked (customerName)', async () => {
      await refused(
        () => createProgram({ name: 'RAN South', ...customer, customerName: 'Nordic\u202E' }),
        'customerName',
        'isCleanText',
      );
    });

    it('line feeds and tabs are allowed in long text only, carriage returns nowhere', async () => {
      await refused(() => raiseRisk({ ...risk, title: 'Late\nunits' }), 'title', 'isCleanText');
      await refused(() => raiseRisk({ ...risk, cause: 'One\r\nTwo' }), 'cause', 'isCleanText');
      const raised = await raiseRisk({ ...risk, cause: 'Single supplier:\n\t- radio units' });
      expect(raised.statusCode).toBe(201);
      const [event] = await t.store.readStream(riskStreamId(raised.json<{ id: string }>().id));
      expect(event!.data).toMatchObject({ cause: 'Single supplier:\n\t- radio units' });
    });

    it('text is stored in NFC, and counted in NFC against the maximum length', async () => {
      const decomposed = 'Re\u0301seau Nord'; // "Réseau Nord" with a combining acute accent
      const created = await createProgram({ name: decomposed, ...customer });
      expect(created.statusCode).toBe(201);
      const [event] = await t.store.readStream(programStreamId(created.json<{ id: string }>().id));
      expect(event!.data).toMatchObject({ name: 'R\u00E9seau Nord' });
      expect((event!.data as { name: string }).name).not.toBe(decomposed);

      // 200 code units in NFC, 400 as sent: within the 200 allowed.
      const long = await createProgram({ name: 'e\u0301'.repeat(200), ...customer });
      expect(long.statusCode).toBe(201);
    });

    it('emoji and other scripts are text', async () => {
      const created = await createProgram({ name: 'Fibre 東京 📡 مرحبا', ...customer });
      expect(created.statusCode).toBe(201);
    });
  });

  describe('dates and date-times', () => {
    it.each([
      ['2026-03-10T09:00:00', 'isDateTimeWithOffset'], // read in the server's zone before
      ['2026-03-10', 'isDateTimeWithOffset'],
      ['2026-03-10T09:00:00+0100', 'isDateTimeWithOffset'],
      ['9999-12-31T00:00:00Z', 'isDateInRange'],
      ['1969-12-31T23:59:59Z', 'isDateInRange'],
      ['1970-01-01T00:30:00+01:00', 'isDateInRange'], // 1969 in UTC
      ['yesterday', 'isIso8601'],
    ])('effectiveAt %s is a 400 %s', async (effectiveAt, rule) => {
      await refused(
        () => createProgram({ name: 'RAN West', ...customer, effectiveAt }),
        'effectiveAt',
        rule,
      );
    });

    it('an effectiveAt with an offset is taken as that instant', async () => {
      const created = await createProgram({
        name: 'RAN East',
        ...customer,
        effectiveAt: '2026-03-10T09:00:00+01:00',
      });
      expect(created.statusCode).toBe(201);
      const [event] = await t.store.readStream(programStreamId(created.json<{ id: string }>().id));
      expect(Date.parse(event!.metadata.effectiveAt)).toBe(Date.parse('2026-03-10T08:00:00Z'));
    });

    it.each([
      ['9999-12-31', 'isDateInRange'],
      ['1969-12-31', 'isDateInRange'],
      ['2200-01-01', 'isDateInRange'],
      ['2026-02-30', 'isIso8601'],
    ])('a contract signed on %s is a 400 %s', async (signedOn, rule) => {
      await refused(
        () =>
          http.postAs('/api/contracts', tokens.paula!, {
            programId: 'prog-x',
            customerId: 'cust-1',
            title: 'RAN',
            value: { amount: 1_000_00, currency: 'EUR' },
            signedOn,
          }),
        'signedOn',
        rule,
      );
    });
  });
});
