/** RFC 9457 problem details, as every error of this API is answered (P9). */
export interface ProblemDetails {
  /** Stable per rule; clients branch on it. */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly correlationId?: string;
  /** For 400s: every field that failed and the rule it failed. */
  readonly errors?: readonly FieldProblem[];
  readonly [extension: string]: unknown;
}

export interface FieldProblem {
  /** Path into the body, e.g. `customer.name` or `items[2].id`. */
  readonly field: string;
  /** The validation rule that failed, e.g. `isNotEmpty`, `whitelistValidation`. */
  readonly rule: string;
  readonly message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://delivery-ledger.dev/problems/';

export function problemType(code: string): string {
  return `${PROBLEM_TYPE_BASE}${code}`;
}
