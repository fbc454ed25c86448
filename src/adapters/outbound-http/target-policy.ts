import ipaddr from 'ipaddr.js';

/**
 * Which targets a user-supplied URL may reach. The ranges come from
 * ipaddr.js (IANA special-purpose registries, kept up to date there); this
 * file only decides what each named range means for us:
 *
 * - public: ipaddr.js calls it `unicast` (and, for IPv6, it lies in the
 *   global unicast block 2000::/3; everything else is reserved space);
 * - private network: loopback, RFC 1918, link-local, carrier-grade NAT,
 *   unique-local (and the deprecated site-local) — reachable only when the
 *   operator sets WEBHOOK_ALLOW_PRIVATE=true (tests, private deployments);
 * - never: everything else (unspecified 0.0.0.0 / ::, which Linux connects to
 *   the local host; multicast; broadcast; documentation and benchmarking
 *   ranges; NAT64, 6to4 and Teredo, which embed an IPv4 address the check
 *   would not see), and the cloud metadata services even with the switch on:
 *   no webhook or identity provider lives there, and their answers are
 *   credentials.
 *
 * IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it maps to.
 */
export type AddressClass = 'public' | 'private-network' | 'never';

const PRIVATE_NETWORK_RANGES = new Set(['loopback', 'private', 'linkLocal', 'carrierGradeNat', 'uniqueLocal', 'deprecatedSiteLocal']);

/**
 * Addresses that hand out instance metadata or credentials, refused even with
 * the switch on. Each as IPv4 or IPv6 text; the IPv4-mapped IPv6 forms
 * (::ffff:a.b.c.d) reach the same entry through ipaddr.process, and NAT64,
 * 6to4, Teredo and IPv4-compatible forms are refused by their own ranges.
 */
const METADATA_ADDRESSES = new Set([
  '169.254.169.254', // AWS, GCP, Azure IMDS, OpenStack, Oracle, DigitalOcean, IBM ... (metadata.google.internal resolves here)
  'fd00:ec2::254', // AWS IMDS over IPv6
  'fd20:ce::254', // GCP metadata server over IPv6
  '169.254.170.2', // AWS ECS task metadata and credentials
  '169.254.170.23', // AWS EKS Pod Identity agent (credentials)
  'fd00:ec2::23', // the same agent over IPv6
  '168.63.129.16', // Azure WireServer: a public-looking address that serves the platform's metadata
  '100.100.100.200', // Alibaba Cloud
  '192.0.0.192', // Oracle Cloud (classic) metadata
  '169.254.0.23', // Tencent Cloud (metadata.tencentyun.com)
]);

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

export function classifyAddress(address: string): { readonly class: AddressClass; readonly range: string } {
  if (!ipaddr.isValid(address)) return { class: 'never', range: 'invalid' };
  const ip = ipaddr.process(address);
  const range = ip.range();
  if (METADATA_ADDRESSES.has(ip.toNormalizedString()) || METADATA_ADDRESSES.has(ip.toString())) return { class: 'never', range: 'metadata' };
  if (range === 'unicast') {
    if (ip.kind() === 'ipv6' && !ip.match(GLOBAL_UNICAST_V6)) return { class: 'never', range: 'reserved' };
    return { class: 'public', range };
  }
  return { class: PRIVATE_NETWORK_RANGES.has(range) ? 'private-network' : 'never', range };
}

/** Why an address may not be reached, or null when it may. */
export function refusalOfAddress(address: string, allowPrivate: boolean): string | null {
  const { class: kind, range } = classifyAddress(address);
  if (kind === 'public') return null;
  if (kind === 'private-network' && allowPrivate) return null;
  return kind === 'private-network'
    ? `address ${address} is in a private network (${range}); allowed only with WEBHOOK_ALLOW_PRIVATE=true`
    : `address ${address} is never reachable (${range})`;
}

const MAX_URL_LENGTH = 2048;

/** The IP address a URL host names literally ("[::1]" → "::1"), or null for a host name. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}

function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * The checks that need no DNS. The WHATWG URL parser has already turned
 * 0x7f.1, 2130706433 and friends into dotted IPv4, so literal tricks are
 * judged by their real address.
 */
export function refusalOfUrl(raw: string, allowPrivate: boolean): { readonly url: URL } | { readonly reason: string } {
  if (raw.length > MAX_URL_LENGTH) return { reason: `URL longer than ${MAX_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowPrivate)) {
    return { reason: allowPrivate ? 'scheme must be https or http' : 'scheme must be https (http only with WEBHOOK_ALLOW_PRIVATE=true)' };
  }
  if (url.username !== '' || url.password !== '') return { reason: 'URL must not carry credentials' };
  if (url.hostname === '') return { reason: 'URL must name a host' };
  const literal = literalAddress(url.hostname);
  if (literal !== null) {
    const refusal = refusalOfAddress(literal, allowPrivate);
    return refusal === null ? { url } : { reason: refusal };
  }
  if (!allowPrivate && isLocalhostName(url.hostname)) {
    return { reason: 'localhost is a private network; allowed only with WEBHOOK_ALLOW_PRIVATE=true' };
  }
  return { url };
}
