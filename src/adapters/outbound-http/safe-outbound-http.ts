import { lookup as dnsLookup } from 'node:dns/promises';
import http, { IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { OutboundHttp, OutboundOutcome, OutboundRequest, TargetVerdict } from '../../application/ports/outbound-http';
import { literalAddress, refusalOfAddress, refusalOfUrl } from './target-policy';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Every address a host name resolves to (as getaddrinfo answers, /etc/hosts included). */
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface SafeOutboundHttpOptions {
  /** WEBHOOK_ALLOW_PRIVATE: http and private-network addresses (loopback, RFC 1918, …) become reachable. */
  readonly allowPrivate: boolean;
  /** Total time for DNS, connection, TLS, request and answer. Default 10 s. */
  readonly timeoutMs?: number;
  /** How much of an answer's body is read. Default 64 KiB. */
  readonly maxAnswerBytes?: number;
  /** Default: the system resolver. Tests pass their own to stand in for DNS. */
  readonly resolve?: Resolver;
  readonly userAgent?: string;
  /**
   * Told each refusal after DNS with the address that caused it (pino's
   * `warn`), which the outcome leaves out. Default: nowhere.
   */
  readonly warn?: (fields: RefusedAddressFields, message: string) => void;
}

/** What a log line of a refusal after DNS carries: never the URL (its path or query may hold a token). */
export interface RefusedAddressFields {
  /** As the URL names it. */
  readonly hostname: string;
  /** The resolved address that was refused (the first, when several were). */
  readonly address: string;
  /** Which range it lies in and why that is refused. */
  readonly reason: string;
}

export const DEFAULT_OUTBOUND_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_ANSWER_BYTES = 64 * 1024;

const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, order: 'verbatim' })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** Raised inside the socket's lookup; carried out as a `refused` outcome, never as an exception. */
class RefusedTarget extends Error {}

/**
 * node:http(s) with a lookup that resolves the host once, checks every
 * address it got, and hands exactly those addresses to the socket. The
 * connection therefore goes to an address that was checked: a DNS answer
 * that changes between check and connect (rebinding) has nothing to change.
 * If any address of a name is refused, the whole name is refused, so a name
 * mixing public and private addresses cannot reach the private one.
 *
 * Built-in fetch (undici) was the other candidate; its per-request connector
 * needs the `undici` package's Agent, whose version must match the one inside
 * Node. node:http needs nothing and does not follow redirects at all.
 * One agent per request with keep-alive off: a pooled socket would skip
 * the check on its next use.
 */
export class SafeOutboundHttp implements OutboundHttp {
  private readonly timeoutMs: number;
  private readonly maxAnswerBytes: number;
  private readonly resolve: Resolver;

  constructor(private readonly options: SafeOutboundHttpOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_OUTBOUND_TIMEOUT_MS;
    this.maxAnswerBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
    this.resolve = options.resolve ?? systemResolver;
  }

  checkTarget(url: string): TargetVerdict {
    const verdict = refusalOfUrl(url, this.options.allowPrivate);
    return 'reason' in verdict ? { allowed: false, reason: verdict.reason } : { allowed: true };
  }

  send(request: OutboundRequest): Promise<OutboundOutcome> {
    const verdict = refusalOfUrl(request.url, this.options.allowPrivate);
    if ('reason' in verdict) return Promise.resolve({ kind: 'refused', reason: verdict.reason });
    const { url } = verdict;
    const body = request.body === undefined ? undefined : typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : Buffer.from(request.body);
    const headers: Record<string, string> = { 'user-agent': this.options.userAgent ?? 'integration-hub', connection: 'close', ...request.headers };
    if (body !== undefined) headers['content-length'] = String(body.length);

    return new Promise<OutboundOutcome>((settle) => {
      let done = false;
      const finish = (outcome: OutboundOutcome): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        settle(outcome);
      };
      const client = url.protocol === 'https:' ? https : http;
      const req = client.request(url, {
        method: request.method,
        headers,
        agent: false,
        // An IP literal skips the lookup (Node connects directly): refusalOfUrl judged it above.
        lookup: literalAddress(url.hostname) === null ? this.checkedLookup() : undefined,
      });
      const timer = setTimeout(() => {
        finish({ kind: 'timed-out' });
        req.destroy();
      }, this.timeoutMs);
      req.on('error', (error) => finish(failure(error)));
      req.on('response', (res) => this.readAnswer(res, finish));
      req.end(body);
    });
  }

  /** A net.connect lookup that answers only checked addresses, in either callback shape Node asks for. */
  private checkedLookup(): LookupFunction {
    return (hostname, options, callback) => {
      const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
      this.resolve(hostname).then(
        (found) => {
          const addresses = found.filter((a) => wanted === undefined || a.family === wanted);
          if (addresses.length === 0) {
            callback(Object.assign(new Error(`no address found for ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
            return;
          }
          for (const { address } of addresses) {
            const refusal = refusalOfAddress(address, this.options.allowPrivate);
            if (refusal !== null) {
              // The outcome is shown to whoever chose the URL: naming the address would let them map internal names through our DNS.
              this.options.warn?.({ hostname, address, reason: refusal }, 'outbound call refused after DNS');
              callback(new RefusedTarget(`${hostname} resolves to an address that is not allowed`), '', 4);
              return;
            }
          }
          if (options.all) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [...addresses]);
          else callback(null, addresses[0].address, addresses[0].family);
        },
        (error: Error) => callback(error, '', 4),
      );
    };
  }

  private readAnswer(res: IncomingMessage, finish: (outcome: OutboundOutcome) => void): void {
    const chunks: Buffer[] = [];
    let size = 0;
    const answered = (truncated: boolean): void =>
      finish({ kind: 'answered', status: res.statusCode ?? 0, headers: flatHeaders(res), body: Buffer.concat(chunks), truncated });
    res.on('data', (chunk: Buffer) => {
      const room = this.maxAnswerBytes - size;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size += Math.min(chunk.length, room);
      if (chunk.length > room) {
        // Enough: the rest is never read, whatever the target keeps sending.
        answered(true);
        res.destroy();
      }
    });
    res.on('end', () => answered(false));
    res.on('error', (error) => finish(failure(error)));
  }
}

function failure(error: Error): OutboundOutcome {
  if (error instanceof RefusedTarget) return { kind: 'refused', reason: error.message };
  const code = (error as NodeJS.ErrnoException).code;
  // The message of a socket or TLS error names the host and the cause, never a header or body.
  return { kind: 'failed', reason: code ? `${code}: ${error.message}` : error.message };
}

function flatHeaders(res: IncomingMessage): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
