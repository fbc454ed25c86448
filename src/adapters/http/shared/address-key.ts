import ipaddr from 'ipaddr.js';

/**
 * What the per-address limits count a client by (MAX_CONNECTIONS_PER_ADDRESS,
 * AUTH_FAILURES_PER_MINUTE): an IPv4 address as it is, an IPv6 address by its
 * /64 (`2001:db8:1:2::/64`). An IPv6 subnet is handed out as a /64 (RFC 6177:
 * one per LAN, often one per customer), so its holder picks the other 64
 * bits at will: keyed by the whole address, one host listening on `::` would
 * give a client 2^64 fresh budgets. IPv4-mapped IPv6 (`::ffff:1.2.3.4`, how a
 * dual-stack socket shows an IPv4 peer) counts as the IPv4 address; it must
 * be unwrapped first, as it lies in `::/64` beside `::1`.
 * Anything that is not an address (a socket already gone: '') is its own key.
 */
export function addressKey(address: string): string {
  // Dotted IPv4 needs no parse: the connection cap runs this on every socket.
  if (!address.includes(':')) return address;
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.process(address);
  } catch {
    return address;
  }
  if (ip.kind() === 'ipv4') return ip.toString();
  const { parts } = ip as ipaddr.IPv6;
  return `${new ipaddr.IPv6([...parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}
