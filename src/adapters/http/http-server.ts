import { createServer, RequestListener, Server } from 'node:http';
import type { Socket } from 'node:net';
import { answerClientError } from './client-error';
import { addressKey } from './shared/address-key';

export interface ServerLimits {
  /** Open connections at once; past it new sockets are closed as they arrive (MAX_CONNECTIONS). */
  readonly maxConnections: number;
  /** Open connections at once from one client address; past it that address's new sockets are closed as they arrive; 0 = no cap (MAX_CONNECTIONS_PER_ADDRESS). */
  readonly maxConnectionsPerAddress?: number;
  /** The request line and headers must arrive within this, or the connection gets 408 and is closed. */
  readonly headersTimeoutMs?: number;
  /** The whole request, body included. */
  readonly requestTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this. */
  readonly keepAliveTimeoutMs?: number;
}

export const DEFAULT_MAX_CONNECTIONS = 1_000;
/** Far more than a browser (6) or a pooled client needs, far less than MAX_CONNECTIONS: one address cannot take every slot. */
export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** How often Node looks for connections past their header or request timeout (its default, 30 s, would let them overstay). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/**
 * Counts open sockets per remote address (an IPv6 peer by its /64,
 * `addressKey`) and destroys one that would take its address past `cap`, before a byte of it is read: the refusal costs a
 * map lookup and a close, no parser work and no answer. Node's own
 * `maxConnections` check runs earlier, so a socket dropped there is never
 * counted here.
 */
function capConnectionsPerAddress(server: Server, cap: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = addressKey(socket.remoteAddress ?? '');
    const count = open.get(address) ?? 0;
    if (count >= cap) {
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/**
 * The HTTP server with the contract's connection limits: a slow or silent
 * client holds a socket at most 10 s before its headers are in and 30 s in
 * all, an idle one 5 s, never more than `maxConnections` at once, and one
 * client address never more than `maxConnectionsPerAddress` of them. What
 * the parser refuses is answered by `answerClientError`.
 */
export function createHttpServer(handler: RequestListener, limits: ServerLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs ?? HEADERS_TIMEOUT_MS,
      requestTimeout: limits.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      keepAliveTimeout: limits.keepAliveTimeoutMs ?? KEEP_ALIVE_TIMEOUT_MS,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    handler,
  );
  // Bytes Node's parser refuses are answered in the API's error shape and headers, not with a bare status line.
  server.on('clientError', answerClientError);
  server.maxConnections = limits.maxConnections;
  const perAddress = limits.maxConnectionsPerAddress ?? DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
  if (perAddress > 0) capConnectionsPerAddress(server, perAddress);
  return server;
}
