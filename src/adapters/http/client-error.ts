import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { envelopeBody } from './jfw/jfw-envelope';
import { SECURITY_HEADERS } from './shared/security-headers.middleware';

/** What a refusal of the parser answers: status, the contract's code for it, and a message naming no input. */
const REFUSALS: Readonly<Record<string, readonly [number, string, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'RequestHeaderFieldsTooLarge', 'The request line and headers must not exceed 16 KiB'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'PayloadTooLarge', 'The chunk extensions of the body are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'RequestTimeout', 'The request did not arrive in time (headers within 10 s, the whole request within 30 s)'],
  // Not a parser code: http-server.ts checks Host itself (Node's own check answers a bare 400).
  HOST_NOT_ONE: [400, 'BadRequest', 'An HTTP/1.1 request must carry exactly one Host header'],
};
const MALFORMED = [400, 'BadRequest', 'The request is not a valid HTTP/1.1 message'] as const;

/** How long a refused client has to read the answer before its socket is destroyed. */
const CLOSE_GRACE_MS = 1_000;
const answered = new WeakSet<Duplex>();

/** The refusal of `code`: the JFramework envelope (ADR 5, "What Node's parser refuses") and the API's security headers; the connection closes. */
export function clientErrorResponse(code: string | undefined): { status: number; headers: Record<string, string | number>; body: string } {
  const [status, wireCode, message] = (code !== undefined && Object.hasOwn(REFUSALS, code) ? REFUSALS[code] : undefined) ?? MALFORMED;
  const correlationId = randomUUID();
  const body = JSON.stringify(envelopeBody(status, STATUS_CODES[status] ?? '', null, [{ code: wireCode, message }], correlationId));
  const headers: Record<string, string | number> = {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'X-Correlation-ID': correlationId,
    Date: new Date().toUTCString(),
    Connection: 'close',
  };
  return { status, headers, body };
}

/** The refusal of `code` as a whole HTTP/1.1 message, for a socket the parser gave up on. */
export function clientErrorAnswer(code: string | undefined): string {
  const { status, headers, body } = clientErrorResponse(code);
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`;
}

/**
 * Node's `clientError`: bytes its parser refused (a header block over 16
 * KiB, one that came too slowly, a malformed request line or header). Without
 * this listener Node answers a bare status line. The answer is written only
 * to a socket that can still take it and on which no answer has begun (a
 * response whose headers went out cannot be followed by another); otherwise
 * the socket is destroyed. The socket then closes: the parser cannot resync
 * on bytes it refused. It is kept readable for a moment (its unread bytes
 * drained, not answered) so that closing it does not reset the connection
 * before the client has read the answer.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (answered.has(socket)) return;
  const response = (socket as { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent === true) {
    socket.destroy();
    return;
  }
  answered.add(socket);
  socket.end(clientErrorAnswer(error.code));
  socket.resume();
  const timer = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}
