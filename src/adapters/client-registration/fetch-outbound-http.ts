import { OutboundHttp, OutboundOutcome, OutboundRequest } from './outbound-http';

export interface FetchOutboundHttpOptions {
  /** Whole exchange, connection to last byte read (default 10 s, as webhook deliveries). */
  readonly timeoutMs?: number;
  /** Bytes of the answer read at most (default 64 KiB, as webhook deliveries). */
  readonly maxAnswerBytes?: number;
  /** `http` URLs allowed (a provider on 127.0.0.1 in tests); default false. */
  readonly allowHttp?: boolean;
}

/**
 * Node's fetch with one total timeout, no redirects and a size cap: the
 * stand-in for the safe outbound sender until the two meet. It checks the
 * scheme and userinfo only; an https URL that resolves to a private address
 * is not stopped here, which is why production wiring uses the safe sender.
 */
export class FetchOutboundHttp implements OutboundHttp {
  private readonly timeoutMs: number;
  private readonly maxAnswerBytes: number;
  private readonly schemes: readonly string[];

  constructor(options: FetchOutboundHttpOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxAnswerBytes = options.maxAnswerBytes ?? 64 * 1024;
    this.schemes = options.allowHttp ? ['https:', 'http:'] : ['https:'];
  }

  async send(request: OutboundRequest): Promise<OutboundOutcome> {
    const url = URL.parse(request.url);
    if (!url || !this.schemes.includes(url.protocol)) {
      return { kind: 'refused', reason: `only ${this.schemes.join(' or ')} URLs are allowed` };
    }
    if (url.username || url.password) return { kind: 'refused', reason: 'URLs with userinfo are not allowed' };
    try {
      const response = await fetch(url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => { headers[name] = value; });
      const { body, truncated } = await readCapped(response, this.maxAnswerBytes);
      return { kind: 'answered', status: response.status, headers, body, truncated };
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') return { kind: 'timed-out' };
      return { kind: 'failed', reason: reasonOf(error) };
    }
  }
}

async function readCapped(response: Response, cap: number): Promise<{ body: Uint8Array; truncated: boolean }> {
  if (!response.body) return { body: new Uint8Array(), truncated: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { body: Buffer.concat(chunks), truncated: false };
    if (size + value.byteLength > cap) {
      chunks.push(value.subarray(0, cap - size));
      // Enough: the rest is never read, whatever the target keeps sending.
      await reader.cancel().catch(() => undefined);
      return { body: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(value);
    size += value.byteLength;
  }
}

/** fetch wraps the socket's error ("fetch failed", cause ECONNREFUSED): name the code first, as the safe sender does. */
function reasonOf(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return `${code}: ${current.message}`;
    current = current.cause;
  }
  return error instanceof Error ? error.message : 'network error';
}
