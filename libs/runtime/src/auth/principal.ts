import type { Role } from '@ledger/domain';

/** The caller, as its verified token describes it. */
export interface Principal {
  readonly sub: string;
  readonly roles: readonly Role[];
  /** Programs the caller may see and change: a list of ids, or every program. */
  readonly programs: '*' | readonly string[];
}

export function canAccessProgram(principal: Principal, programId: string): boolean {
  return principal.programs === '*' || principal.programs.includes(programId);
}
