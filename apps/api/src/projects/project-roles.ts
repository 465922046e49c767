import type { Role } from '@ledger/domain';

/**
 * Who may send which project command over HTTP. The domain checks the authority it records on
 * decisions (PROJECT_DECISION_ROLES, FINAL_ACCEPTANCE_WAIVER_ROLES); these lists only keep out
 * roles that can never issue the command. `auditor` never writes.
 */
export const PROJECT_WRITERS: Role[] = ['project-manager', 'pmo', 'admin'];

/**
 * Facts a connected system may feed: actual cost from the ERP (idempotent on its document id)
 * and progress from site-tracking tools (idempotent on the client-chosen report id). Corrections,
 * periods and forecasts stay with people.
 */
export const EXECUTION_FEEDERS: Role[] = [...PROJECT_WRITERS, 'integration'];

/** A formal waiver of final acceptance is a PMO decision (the domain records the authority). */
export const FINAL_ACCEPTANCE_WAIVERS: Role[] = ['pmo', 'admin'];
