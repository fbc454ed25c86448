import type { IncomingMessage } from 'node:http';
import type { Context, Middleware } from 'koa';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';

/**
 * The client's address of a request: what the per-address limits count by
 * (AUTH_FAILURES_PER_MINUTE). With no trusted proxies it is the socket's
 * peer (`ctx.ip`, Koa's `proxy` stays off); with TRUSTED_PROXIES it is the
 * address `clientAddresses` put on `ctx.state`.
 */
export function clientAddress(ctx: Context): string {
  return (ctx.state as ClientAddressState).clientAddress ?? ctx.ip;
}

export interface ClientAddressState {
  /** Set by `clientAddresses` when TRUSTED_PROXIES names proxies. */
  clientAddress?: string;
}

/** The names proxy-addr expands into ranges (TRUSTED_PROXIES accepts them beside addresses and CIDR ranges). */
export const TRUSTED_PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'] as const;

/**
 * The entries proxy-addr refuses (not an address, a CIDR range, an
 * address/netmask or one of TRUSTED_PROXY_NAMES), each checked on its own so
 * a start-up error can name it.
 */
export function invalidTrustedProxies(entries: readonly string[]): string[] {
  return entries.filter((entry) => {
    try {
      proxyaddr.compile(entry);
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * At most this many trusted hops are walked from the socket's peer toward
 * the client; a chain longer than that stops at its last walked hop, a
 * proxy's address. Real chains are one or two hops; a trusted peer can
 * forward a header of thousands of trusted-looking entries (a client may
 * prepend anything before the proxy appends its peer), and each walked
 * entry is an address parse.
 */
export const MAX_TRUSTED_HOPS = 8;
/**
 * Only the header's last this-many characters are handed to proxy-addr,
 * cut at an entry boundary: room for MAX_TRUSTED_HOPS + 1 IPv6 entries with
 * spaces, so the cut never changes the answer, while proxy-addr's split of
 * the whole header (up to Node's 16 KB of headers) would be ~0.2 ms.
 */
export const MAX_FORWARDED_CHARS = 1_024;

/** The right-most MAX_FORWARDED_CHARS of the header, whole entries only; '' when its last entry alone is longer (not an address). */
export function forwardedTail(header: string): string {
  if (header.length <= MAX_FORWARDED_CHARS) return header;
  const cut = header.indexOf(',', header.length - MAX_FORWARDED_CHARS);
  return cut === -1 ? '' : header.slice(cut + 1);
}

/**
 * proxy-addr's answer for one request: from the socket's peer toward the
 * client, the first address that is not trusted (the right-most untrusted
 * entry of X-Forwarded-For), and X-Forwarded-For ignored when the peer
 * itself is not trusted. An entry that is not an IP address (`unknown`,
 * `1.2.3.4:5678`, junk) stops the walk as untrusted; it is not used as a
 * key: the trusted hop that reported it (a proxy's address) is. Forwarded
 * addresses are canonical (`::ffff:1.2.3.4` → `1.2.3.4`, IPv6 compressed),
 * so one client cannot split itself into many keys by spelling.
 */
export function resolveClientAddress(req: IncomingMessage, trust: (address: string, hop: number) => boolean): string {
  const peer = req.socket.remoteAddress ?? '';
  const raw = req.headers['x-forwarded-for']; // Node joins repeated X-Forwarded-For lines with ", "
  const header = Array.isArray(raw) ? raw.join(', ') : raw;
  if (header === undefined || header === '' || peer === '') return peer;
  const view = { headers: { 'x-forwarded-for': forwardedTail(header) }, socket: { remoteAddress: peer } } as unknown as IncomingMessage;
  const chain = proxyaddr.all(view, trust);
  if (chain.length === 1) return peer;
  const client = canonical(chain[chain.length - 1]);
  if (client !== undefined) return client;
  return chain.length === 2 ? peer : (canonical(chain[chain.length - 2]) ?? peer);
}

/** `1.2.3.4` for `::ffff:1.2.3.4`, `2001:db8::1` for `2001:0db8:0::1`; undefined for what is not an address. */
function canonical(address: string): string | undefined {
  try {
    return ipaddr.process(address).toString();
  } catch {
    return undefined;
  }
}

/**
 * TRUSTED_PROXIES as middleware: puts each request's client address on
 * `ctx.state.clientAddress` (read by `clientAddress`). Installed only when
 * the list is not empty; with none, nothing runs and the socket's peer is
 * the client.
 */
export function clientAddresses(trustedProxies: readonly string[]): Middleware | undefined {
  if (trustedProxies.length === 0) return undefined;
  const trusted = proxyaddr.compile([...trustedProxies]);
  const trust = (address: string, hop: number): boolean => hop < MAX_TRUSTED_HOPS && trusted(address, hop);
  return (ctx, next) => {
    (ctx.state as ClientAddressState).clientAddress = resolveClientAddress(ctx.req, trust);
    return next();
  };
}
