/**
 * The one thing the registration adapter needs from the network: send one
 * request, get the status and a bounded body back, follow no redirect. Kept
 * this small so the composition root can plug in the service's safe outbound
 * sender (address checks after DNS resolution, https unless private
 * addresses are allowed, timeouts, a size cap), the same one webhooks use.
 */
export interface OutboundRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface OutboundResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** At most the sender's cap; `truncated` tells when more was sent. */
  readonly body: string;
  readonly truncated: boolean;
}

export interface OutboundHttp {
  /**
   * Resolves with any answer, 3xx to 5xx included; rejects only with
   * `OutboundHttpFailure` when no answer came.
   */
  send(request: OutboundRequest): Promise<OutboundResponse>;
}

/** No answer: refused before sending, connection failed, or timed out. */
export class OutboundHttpFailure extends Error {
  constructor(
    /** Short, safe to log: never a header or a body. */
    readonly reason: string,
    /** False only when the request certainly did not leave (address refused, connection refused, DNS). */
    readonly requestMayHaveArrived: boolean,
  ) {
    super(reason);
    this.name = 'OutboundHttpFailure';
  }
}
