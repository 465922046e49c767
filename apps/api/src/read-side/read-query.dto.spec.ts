import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { defineReadRoute } from '@ledger/projections';
import { readQueryDtoOf } from './read-query.dto';

/** A route declaring one field of every kind, to check what each kind accepts and refuses. */
const route = defineReadRoute({
  operationId: 'ProbeController_list',
  tag: 'probe',
  path: 'api/probe/:probeId',
  roles: ['admin'],
  summary: 'probe',
  description: 'probe',
  answerType: 'Probe',
  query: {
    asOf: { kind: 'calendar-date' },
    since: { kind: 'calendar-date-or-offset-date-time' },
    month: { kind: 'month' },
    programId: { kind: 'resource-id' },
    actor: { kind: 'subject' },
    status: { kind: 'one-of', enum: ['open', 'closed'] },
    limit: { kind: 'integer', minimum: 1, maximum: 100 },
  },
  answer: () => Promise.resolve({}),
});

/** The rules a query (as Fastify parses it: strings) breaks, by field. */
function broken(query: Record<string, string>): Record<string, string[]> {
  const Dto = readQueryDtoOf(route);
  const errors = validateSync(plainToInstance(Dto, query), {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  return Object.fromEntries(
    errors.map((error) => [error.property, Object.keys(error.constraints ?? {})]),
  );
}

describe('the query DTO built from a read route declaration', () => {
  it('accepts every field of its kind, minPosition and waitMs, and nothing absent', () => {
    expect(broken({})).toEqual({});
    expect(
      broken({
        asOf: '2026-03-01',
        since: '2026-03-01T10:00:00+01:00',
        month: '2026-03',
        programId: 'pg-1',
        actor: 'bob',
        status: 'open',
        limit: '100',
        minPosition: '42',
        waitMs: '10',
      }),
    ).toEqual({});
  });

  it("refuses each field by its kind's rules, and a field it does not declare", () => {
    expect(
      broken({
        asOf: '2026-02-30x',
        since: '2026-03-01T10:00:00',
        month: '2026-13',
        programId: '-bad id',
        actor: 'x'.repeat(201),
        status: 'pending',
        limit: '101',
        minPosition: '-1',
        other: '1',
      }),
    ).toEqual({
      minPosition: ['min'],
      asOf: expect.arrayContaining(['matches']),
      since: expect.arrayContaining(['isDateOrDateTimeWithOffset']),
      month: ['matches'],
      programId: [expect.any(String)],
      actor: ['maxLength'],
      status: ['isIn'],
      limit: ['max'],
      other: ['whitelistValidation'],
    });
  });
});
