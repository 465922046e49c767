import { AuthorizationError } from './auth.errors';
import { canAccessProgram, type Principal } from './principal';

/** A caller sees and changes only the programs in its token's claim (issue 2, item 5). */
export function assertProgramAccess(principal: Principal, programId: string): void {
  if (!canAccessProgram(principal, programId)) {
    throw new AuthorizationError(
      `program ${programId} is not in your token's programs claim`,
      'program-not-in-claim',
    );
  }
}

/** Creating a program mints a new id, which no list can contain yet: it needs the "*" claim. */
export function assertMayCreatePrograms(principal: Principal): void {
  if (principal.programs !== '*') {
    throw new AuthorizationError(
      'creating a program needs the programs claim "*"',
      'program-not-in-claim',
    );
  }
}
