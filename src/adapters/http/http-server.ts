import { createServer, RequestListener, Server } from 'node:http';

export interface ServerLimits {
  /** Open connections at once; past it new sockets are closed as they arrive (MAX_CONNECTIONS). */
  readonly maxConnections: number;
  /** The request line and headers must arrive within this, or the connection gets 408 and is closed. */
  readonly headersTimeoutMs?: number;
  /** The whole request, body included. */
  readonly requestTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this. */
  readonly keepAliveTimeoutMs?: number;
}

export const DEFAULT_MAX_CONNECTIONS = 1_000;
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** How often Node looks for connections past their header or request timeout (its default, 30 s, would let them overstay). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/**
 * The HTTP server with the contract's connection limits: a slow or silent
 * client holds a socket at most 10 s before its headers are in and 30 s in
 * all, an idle one 5 s, and never more than `maxConnections` at once.
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
  server.maxConnections = limits.maxConnections;
  return server;
}
