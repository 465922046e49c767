/**
 * How a broken rule is answered:
 * - `rule-violated`: the command is well-formed but a business rule refuses it (HTTP 422);
 * - `not-found`: the thing the command addresses does not exist (HTTP 404);
 * - `not-permitted`: the actor lacks the authority the rule requires (HTTP 403);
 * - `conflict`: the aggregate is in a state that makes the command a duplicate (HTTP 409).
 */
export type DomainErrorKind = 'rule-violated' | 'not-found' | 'not-permitted' | 'conflict';

/**
 * The one error `decide` throws. `code` is stable (kebab-case, names the rule) and becomes the
 * problem+json `type`; clients branch on it, so never rename one.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'rule-violated',
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}
