/**
 * What the deployment lets a subscription name. `allowHttpLoopback` exists for tests and local
 * receivers (http://127.0.0.1, http://localhost, http://[::1]); everything else must be https.
 */
export interface WebhookUrlPolicy {
  readonly allowHttpLoopback: boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export const isLoopbackHost = (hostname: string): boolean =>
  LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(hostname);

/**
 * Why a webhook URL is refused at subscription time, or null when it is accepted: https only
 * (http only to loopback when the policy allows it), no credentials (they would sit in the event
 * log and in every export), no fragment (never sent, so it can only mislead). Where the host
 * resolves is checked again at delivery time: DNS can change after the subscription.
 */
export function webhookUrlProblem(raw: string, policy: WebhookUrlPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not an absolute URL';
  }
  if (url.username !== '' || url.password !== '') return 'credentials in the URL';
  if (url.hash !== '' || raw.includes('#')) return 'a fragment in the URL';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:') {
    if (policy.allowHttpLoopback && isLoopbackHost(url.hostname)) return null;
    return 'http is refused: use https';
  }
  return `scheme ${url.protocol} is refused: use https`;
}
