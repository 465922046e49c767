import type { Actor, Role } from './actor';
import {
  grantingRole,
  grantingRoleInTokenOrder,
  requireGrantingRole,
  roleRequired,
} from './authority';
import { DomainError } from './domain-error';

const actor = (...roles: Role[]): Actor => ({ sub: 'carla', roles });

describe('granting role', () => {
  it("records the first allowed role in the list's order of preference", () => {
    expect(grantingRole(actor('admin', 'pmo'), ['project-manager', 'pmo', 'admin'])).toBe('pmo');
  });
  it("records the actor's first allowed role in the token's order", () => {
    expect(
      grantingRoleInTokenOrder(actor('admin', 'pmo'), ['project-manager', 'pmo', 'admin']),
    ).toBe('admin');
  });
  it('finds none when the actor holds no allowed role', () => {
    expect(grantingRole(actor('auditor'), ['pmo'])).toBeUndefined();
    expect(grantingRoleInTokenOrder(actor('auditor'), ['pmo'])).toBeUndefined();
  });
  it("refuses an actor holding none of the roles with the aggregate's error", () => {
    const refuse = (roles: readonly Role[]) => roleRequired('survey action', roles);
    expect(requireGrantingRole(actor('care', 'pmo'), ['pmo', 'care'], refuse)).toBe('pmo');
    let caught: unknown;
    try {
      requireGrantingRole(actor('auditor'), ['pmo', 'care'], refuse);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({
      code: 'role-required',
      kind: 'not-permitted',
      message: 'this survey action needs one of the roles: pmo, care',
      details: { requiredRoles: ['pmo', 'care'] },
    });
  });
});
