import { deterministicUuid } from './deterministic-uuid';

describe('deterministicUuid', () => {
  it('gives the same RFC 9562 v8 UUID for the same name and different ones otherwise', () => {
    const a = deterministicUuid('alice\nkey-1\n0');
    expect(a).toBe(deterministicUuid('alice\nkey-1\n0'));
    expect(a).not.toBe(deterministicUuid('alice\nkey-1\n1'));
    expect(a).not.toBe(deterministicUuid('bob\nkey-1\n0'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
