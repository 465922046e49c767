import { UpcasterRegistry } from './upcaster-registry';

describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry([
    { type: 'Thing', fromVersion: 1, upcast: (data) => ({ ...data, currency: 'EUR' }) },
    {
      type: 'Thing',
      fromVersion: 2,
      upcast: ({ amount, ...rest }) => ({ ...rest, value: amount ?? null }),
    },
  ]);

  it('runs every step from the stored version up to the current one, in order', () => {
    expect(registry.upcast({ type: 'Thing', schemaVersion: 1, data: { amount: 5 } }, 3)).toEqual({
      type: 'Thing',
      schemaVersion: 3,
      data: { currency: 'EUR', value: 5 },
    });
  });

  it('leaves a current event as it is', () => {
    const event = { type: 'Thing', schemaVersion: 3, data: { value: 1, currency: 'SEK' } };
    expect(registry.upcast(event, 3)).toEqual(event);
  });

  it('fails loudly when a step is missing rather than folding a wrong shape', () => {
    expect(() => registry.upcast({ type: 'Other', schemaVersion: 1, data: {} }, 2)).toThrow(
      /no upcaster for Other v1/,
    );
  });

  it('refuses events newer than this build understands', () => {
    expect(() => registry.upcast({ type: 'Thing', schemaVersion: 4, data: {} }, 3)).toThrow(
      /newer than this build/,
    );
  });

  it('refuses two upcasters for the same step', () => {
    expect(() =>
      registry.register({ type: 'Thing', fromVersion: 1, upcast: (data) => data }),
    ).toThrow(/two upcasters/);
  });
});
