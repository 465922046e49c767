import { ROLES } from '@ledger/domain';
import { startTestApp, type TestApp } from '../support/test-app';
import { problemCode, seedWorld, send, validBodyFor, type SecurityWorld } from './security-world';

/**
 * Issue 8 item 7: @ScopedBy checks a route's scope inside the handler, after the pipes, so a
 * request that is malformed AND aimed at another program's resource is a 400 (what is wrong
 * with it), not a 403 (as a guard or interceptor, which run before the pipes, would answer).
 * One route per shape of scope: program, project, and a project's child. The same requests
 * with a valid body answer 403, so the check does run on each of them.
 */
describe('route scope is checked after body and id validation', () => {
  let t: TestApp;
  let world: SecurityWorld;
  let ownOnly: string;

  beforeAll(async () => {
    t = await startTestApp();
    world = await seedWorld(t);
    ownOnly = await t.token({
      sub: 'scope-order',
      roles: [...ROLES],
      programs: [world.own.programId],
    });
  });

  afterAll(async () => {
    await t.close();
  });

  const ROUTES: ReadonlyArray<{ readonly shape: string; readonly path: string }> = [
    { shape: 'program', path: '/api/programs/:programId/close' },
    { shape: 'project', path: '/api/projects/:projectId/corrective-actions' },
    { shape: 'child', path: '/api/projects/:projectId/corrective-actions/:capaId/close' },
  ];

  const urlOf = (path: string): string =>
    path
      .replace(':programId', world.other.programId)
      .replace(':projectId', world.other.projectId)
      .replace(':capaId', 'capa-1');

  it.each(ROUTES)('$shape scope: a bad body on another program is 400', async ({ path }) => {
    const body = { ...(validBodyFor('POST', path, world.other, world) as object) };
    const reply = await send(t, 'POST', urlOf(path), ownOnly, {
      ...body,
      effectiveAt: 'yesterday',
    });
    expect({ status: reply.statusCode, code: problemCode(reply) }).toEqual({
      status: 400,
      code: 'validation-failed',
    });
  });

  it.each(ROUTES)('$shape scope: a valid body on another program is 403', async ({ path }) => {
    const body = validBodyFor('POST', path, world.other, world);
    const reply = await send(t, 'POST', urlOf(path), ownOnly, body);
    expect({ status: reply.statusCode, code: problemCode(reply) }).toEqual({
      status: 403,
      code: 'program-not-in-claim',
    });
  });

  it('a malformed child id on another program is 400 naming the parameter', async () => {
    const path = '/api/projects/:projectId/corrective-actions/:capaId/close';
    const url = urlOf(path).replace('capa-1', 'bad%20id');
    const reply = await send(t, 'POST', url, ownOnly, {});
    expect(reply.statusCode).toBe(400);
    expect(reply.body).toContain('path:capaId');
  });
});
