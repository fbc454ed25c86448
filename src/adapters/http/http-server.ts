import { createServer, IncomingMessage, RequestListener, Server } from 'node:http';
import type { Socket } from 'node:net';
import { answerClientError, clientErrorResponse } from './client-error';
import { ConnectionSlots } from './connection-slots';
import { headerLines } from './shared/single-header';

export interface ServerLimits {
  /** Open connections at once (MAX_CONNECTIONS); past it a new socket takes the slot of the longest-waiting one without a complete request head if it has waited a second, else of the longest-idle keep-alive one if idle a second, else it is closed as it arrives. */
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
 * Puts `slots` in front of Node's HTTP connection handler: a socket that gets
 * no slot is destroyed before the handler sees it, so the refusal costs a map
 * lookup and a close, no parser and no answer, as Node's own
 * `server.maxConnections` would. That option is not used: it only drops the
 * newcomer, and slow senders of headers holding every slot kept every
 * newcomer out.
 */
function guardConnections(server: Server, slots: ConnectionSlots): void {
  const handlers = server.listeners('connection') as ((socket: Socket) => void)[];
  // http.Server registers exactly one, its parser's; anything else means Node changed under us.
  if (handlers.length !== 1) throw new Error(`expected one 'connection' listener on a new http.Server, found ${handlers.length}`);
  const [parse] = handlers;
  server.removeListener('connection', parse);
  server.on('connection', (socket: Socket) => {
    if (slots.admit(socket)) parse.call(server, socket);
    else socket.destroy();
  });
  // Before the application's handler: a socket counts as busy from its request's first line of code.
  server.prependListener('request', (req, res) => slots.requestStarted(req, res));
}

/**
 * RFC 9112 §3.2: an HTTP/1.1 request carries exactly one Host header (a
 * second one Node would drop silently); HTTP/1.0 may carry none.
 */
function oneHost(req: IncomingMessage): boolean {
  return req.httpVersionMajor !== 1 || req.httpVersionMinor !== 1 || headerLines(req, 'host', 2) === 1;
}

/**
 * The HTTP server with the contract's connection limits: a slow or silent
 * client holds a socket at most 10 s before its headers are in and 30 s in
 * all, an idle one 5 s, never more than `maxConnections` at once (a full
 * server lets a newcomer evict an idle or slow-to-speak connection:
 * `ConnectionSlots`), and one client address never more than
 * `maxConnectionsPerAddress` of them. What
 * the parser refuses is answered by `answerClientError`.
 */
export function createHttpServer(handler: RequestListener, limits: ServerLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs ?? HEADERS_TIMEOUT_MS,
      requestTimeout: limits.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      keepAliveTimeout: limits.keepAliveTimeoutMs ?? KEEP_ALIVE_TIMEOUT_MS,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
      // Checked below instead: Node's own check answers a bare 400, without the envelope or the security headers.
      requireHostHeader: false,
    },
    (req, res) => {
      if (!oneHost(req)) {
        const { status, headers, body } = clientErrorResponse('HOST_NOT_ONE');
        res.writeHead(status, headers).end(body);
        return;
      }
      handler(req, res);
    },
  );
  // Bytes Node's parser refuses are answered in the API's error shape and headers, not with a bare status line.
  server.on('clientError', answerClientError);
  guardConnections(server, new ConnectionSlots(limits.maxConnections, limits.maxConnectionsPerAddress ?? DEFAULT_MAX_CONNECTIONS_PER_ADDRESS));
  return server;
}
