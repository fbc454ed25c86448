import { OutboundHttp, OutboundHttpFailure, OutboundRequest, OutboundResponse } from './outbound-http';

export interface FetchOutboundHttpOptions {
  /** Whole exchange, connection to last byte read (default 10 s, as webhook deliveries). */
  readonly timeoutMs?: number;
  /** Bytes of the answer read at most (default 64 KiB, as webhook deliveries). */
  readonly maxBodyBytes?: number;
  /** `http` URLs allowed (tests against a provider on 127.0.0.1); default false. */
  readonly allowHttp?: boolean;
}

/**
 * Error codes (undici's and the OS's) raised before a request leaves: the
 * provider cannot have acted on it, so even a registration is safe to retry.
 */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Node's fetch with a timeout, no redirects and a size cap: the stand-in
 * until the safe outbound sender (DNS-resolved address checks) is wired in.
 * It checks the scheme only; it does not stop an https URL that resolves to
 * a private address.
 */
export class FetchOutboundHttp implements OutboundHttp {
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;
  private readonly allowHttp: boolean;

  constructor(options: FetchOutboundHttpOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
    this.allowHttp = options.allowHttp ?? false;
  }

  async send(request: OutboundRequest): Promise<OutboundResponse> {
    this.checkUrl(request.url);
    const signal = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      throw failureOf(error);
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => { headers[name] = value; });
    try {
      const { body, truncated } = await readCapped(response, this.maxBodyBytes);
      return { status: response.status, headers, body, truncated };
    } catch (error) {
      throw failureOf(error);
    }
  }

  private checkUrl(raw: string): void {
    const url = URL.parse(raw);
    const schemes = this.allowHttp ? ['https:', 'http:'] : ['https:'];
    if (!url || !schemes.includes(url.protocol)) {
      throw new OutboundHttpFailure(`URL refused: only ${schemes.join(' or ')} is allowed`, false);
    }
    if (url.username || url.password) throw new OutboundHttpFailure('URL refused: userinfo is not allowed', false);
  }
}

async function readCapped(response: Response, cap: number): Promise<{ body: string; truncated: boolean }> {
  if (!response.body) return { body: '', truncated: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { body: Buffer.concat(chunks).toString('utf8'), truncated: false };
    if (size + value.byteLength > cap) {
      chunks.push(value.subarray(0, cap - size));
      await reader.cancel().catch(() => undefined);
      return { body: Buffer.concat(chunks).toString('utf8'), truncated: true };
    }
    chunks.push(value);
    size += value.byteLength;
  }
}

function failureOf(error: unknown): OutboundHttpFailure {
  if (error instanceof OutboundHttpFailure) return error;
  if (error instanceof Error && error.name === 'TimeoutError') return new OutboundHttpFailure('timed out', true);
  const code = causeCode(error);
  if (code && NOT_SENT_CODES.has(code)) return new OutboundHttpFailure(code, false);
  return new OutboundHttpFailure(code ?? 'network error', true);
}

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}
