/**
 * A subscription to `$all` ended though nobody closed it: only `close()` may end one, so this is
 * the server going away (restart, failover), an outage to wait out, not the end of the log.
 */
export class SubscriptionEndedError extends Error {
  override readonly name = 'SubscriptionEndedError';
  constructor() {
    super('the subscription ended without close()');
  }
}
