import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { isLoopbackHost } from '@ledger/domain';
import { signWebhook } from '@ledger/contracts';

export interface WebhookSenderOptions {
  /** Per attempt, connection to last byte of the answer's head. Default 10 s. */
  readonly timeoutMs?: number;
  /** Deliver to loopback and private addresses (tests, a receiver on the same host). */
  readonly allowPrivateAddresses?: boolean;
  /** Unix seconds of the attempt (tests pin it). */
  readonly nowSeconds?: () => number;
}

export type WebhookSendResult =
  { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Where a webhook may not go unless allowed: the host's own and private networks (SSRF). */
const PRIVATE_RANGES = (() => {
  const list = new BlockList();
  list.addSubnet('0.0.0.0', 8, 'ipv4');
  list.addSubnet('10.0.0.0', 8, 'ipv4');
  list.addSubnet('100.64.0.0', 10, 'ipv4');
  list.addSubnet('127.0.0.0', 8, 'ipv4');
  list.addSubnet('169.254.0.0', 16, 'ipv4');
  list.addSubnet('172.16.0.0', 12, 'ipv4');
  list.addSubnet('192.168.0.0', 16, 'ipv4');
  list.addAddress('::1', 'ipv6');
  list.addAddress('::', 'ipv6');
  list.addSubnet('fc00::', 7, 'ipv6');
  list.addSubnet('fe80::', 10, 'ipv6');
  return list;
})();

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const mapped = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(mapped) === 4) return PRIVATE_RANGES.check(mapped, 'ipv4');
  return PRIVATE_RANGES.check(address, 'ipv6');
}

/**
 * One signed POST of one message (Standard Webhooks). SSRF stance: the host is resolved at
 * delivery time and refused when any address is private or loopback (unless allowed); redirects
 * are not followed (a 3xx is a failure); each attempt times out; the answer's body is discarded
 * unread. Only a 2xx counts as delivered.
 */
export class WebhookSender {
  private readonly timeoutMs: number;
  private readonly nowSeconds: () => number;

  constructor(private readonly options: WebhookSenderOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  }

  async send(url: string, id: string, body: string, secret: string): Promise<WebhookSendResult> {
    const refused = await this.refusedAddress(url);
    if (refused !== null) return { ok: false, reason: `refused address ${refused}` };
    const timestamp = this.nowSeconds();
    try {
      const response = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: {
          'content-type': 'application/cloudevents+json',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook({ id, timestamp, body }, secret),
        },
        body,
      });
      await response.body?.cancel();
      return response.status >= 200 && response.status < 300
        ? { ok: true }
        : { ok: false, reason: `http ${response.status}` };
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name === 'TimeoutError') return { ok: false, reason: 'timeout' };
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      return { ok: false, reason: cause instanceof Error ? cause.message : String(cause) };
    }
  }

  private async refusedAddress(url: string): Promise<string | null> {
    if (this.options.allowPrivateAddresses) return null;
    const { hostname } = new URL(url);
    const host = hostname.replace(/^\[|\]$/g, '');
    if (isLoopbackHost(hostname)) return host;
    const addresses = isIP(host)
      ? [host]
      : (await lookup(host, { all: true })).map((a) => a.address);
    return addresses.find(isPrivateAddress) ?? null;
  }
}
