import { lookup as systemLookup, type LookupAddress } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { BlockList, isIP } from 'node:net';
import { signWebhook } from '@ledger/contracts';

/** Resolves a host name to every address it has (node:dns `lookup` with `all: true`). */
export type ResolveHost = (hostname: string) => Promise<readonly LookupAddress[]>;

export interface WebhookSenderOptions {
  /** Per attempt, connection to last byte of the answer's head. Default 10 s. */
  readonly timeoutMs?: number;
  /** Deliver to loopback and private addresses (tests, a receiver on the same host). */
  readonly allowPrivateAddresses?: boolean;
  /** Unix seconds of the attempt (tests pin it). */
  readonly nowSeconds?: () => number;
  /** Name resolution. Default: the system resolver (node:dns lookup, every address). */
  readonly resolveHost?: ResolveHost;
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

/** The connection was refused before it was opened: the address is not one we deliver to. */
class RefusedAddressError extends Error {
  constructor(readonly address: string) {
    super(`refused address ${address}`);
    this.name = 'RefusedAddressError';
  }
}

const systemResolveHost: ResolveHost = (hostname) =>
  new Promise((resolve, reject) =>
    systemLookup(hostname, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

/**
 * One signed POST of one message (Standard Webhooks). SSRF stance: the host is resolved when the
 * connection opens, by the `lookup` of the sender's own agents, and refused when any of its
 * addresses is private, loopback or link-local (unless allowed); the socket then connects to
 * the very addresses that were checked, so a DNS answer that changes between a check and the
 * connection (rebinding) cannot slip through. Redirects are not followed (a 3xx is a failure);
 * each attempt times out; the answer's body is discarded unread. Only a 2xx counts as delivered.
 */
export class WebhookSender {
  private readonly timeoutMs: number;
  private readonly nowSeconds: () => number;
  private readonly resolveHost: ResolveHost;
  // Kept-alive sockets were checked when they connected; a new connection is checked again.
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;

  constructor(private readonly options: WebhookSenderOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
    this.resolveHost = options.resolveHost ?? systemResolveHost;
    const lookup = this.checkedLookup();
    this.httpAgent = new HttpAgent({ keepAlive: true, lookup });
    this.httpsAgent = new HttpsAgent({ keepAlive: true, lookup });
  }

  async send(url: string, id: string, body: string, secret: string): Promise<WebhookSendResult> {
    const target = new URL(url);
    // A literal address never goes through `lookup`: it is checked here instead.
    const literal = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) !== 0 && this.refuses(literal)) {
      return { ok: false, reason: `refused address ${literal}` };
    }
    const timestamp = this.nowSeconds();
    try {
      const status = await this.post(target, body, {
        'content-type': 'application/cloudevents+json',
        'content-length': String(Buffer.byteLength(body)),
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook({ id, timestamp, body }, secret),
      });
      return status >= 200 && status < 300 ? { ok: true } : { ok: false, reason: `http ${status}` };
    } catch (error) {
      if (error instanceof RefusedAddressError) return { ok: false, reason: error.message };
      const name = error instanceof Error ? error.name : '';
      if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, reason: 'timeout' };
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Closes the kept-alive sockets (a stopping process). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private refuses(address: string): boolean {
    return !this.options.allowPrivateAddresses && isPrivateAddress(address);
  }

  /** The status of the answer; its body is drained unread. */
  private post(target: URL, body: string, headers: Record<string, string>): Promise<number> {
    const https = target.protocol === 'https:';
    const send = https ? httpsRequest : httpRequest;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    return new Promise<number>((resolve, reject) => {
      const request = send(
        target,
        {
          method: 'POST',
          headers,
          agent: https ? this.httpsAgent : this.httpAgent,
          signal: timeout,
        },
        (response: IncomingMessage) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      // An abort surfaces as a generic AbortError: the signal's reason says it was the timeout.
      request.on('error', (error: Error) =>
        reject(timeout.aborted && timeout.reason instanceof Error ? timeout.reason : error),
      );
      request.end(body);
    });
  }

  /**
   * The agents' `lookup`: resolves the name, refuses it when any address is private (unless
   * allowed), and hands net.connect exactly those addresses.
   */
  private checkedLookup(): LookupFunction {
    return (hostname, options, callback) => {
      this.resolveHost(hostname).then(
        (addresses) => {
          const refused = addresses.find((entry) => this.refuses(entry.address));
          if (refused) {
            callback(new RefusedAddressError(refused.address), '', 4);
            return;
          }
          const family = typeof options.family === 'number' ? options.family : 0;
          const usable = addresses.filter((entry) => family === 0 || entry.family === family);
          const first = usable[0];
          if (!first) {
            const error: NodeJS.ErrnoException = new Error(`no address for ${hostname}`);
            error.code = 'ENOTFOUND';
            callback(error, '', 4);
            return;
          }
          if (options.all) {
            (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(
              null,
              usable,
            );
          } else callback(null, first.address, first.family);
        },
        (error: NodeJS.ErrnoException) => callback(error, '', 4),
      );
    };
  }
}
