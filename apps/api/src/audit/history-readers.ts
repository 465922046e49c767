import type { Role } from '@ledger/domain';

/** Who reads the history: auditors, and the PMO and admins who answer to them. */
export const HISTORY_READERS: readonly Role[] = ['auditor', 'pmo', 'admin'];

/** The page size of the audit listings when the caller names none. */
export const DEFAULT_AUDIT_PAGE = 100;
