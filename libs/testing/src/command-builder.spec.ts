import type { Command } from '@ledger/domain';
import { commandBuilder, metaAt } from './command-builder';

type Open = Command<'Open', { readonly id: string }>;
type Close = Command<'Close', { readonly reason: string }>;

describe('commandBuilder', () => {
  const meta = metaAt({ sub: 'carol', roles: ['project-manager'] }, '2026-04-01T09:00:00.000Z');
  const command = commandBuilder<Open | Close>(meta);

  it('builds the named variant with the spec meta, now and effectiveAt alike', () => {
    expect(command('Open', { id: 'o1' })).toEqual({
      type: 'Open',
      data: { id: 'o1' },
      meta: {
        actor: { sub: 'carol', roles: ['project-manager'] },
        now: '2026-04-01T09:00:00.000Z',
        effectiveAt: '2026-04-01T09:00:00.000Z',
      },
    });
  });

  it('takes another meta when one is given', () => {
    const other = metaAt({ sub: 'ivy', roles: ['integration'] }, '2026-04-02T06:00:00.000Z');
    expect(command('Close', { reason: 'done' }, other).meta).toBe(other);
  });
});
