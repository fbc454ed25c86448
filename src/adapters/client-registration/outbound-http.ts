/**
 * The network as the registration adapter sees it: send one request, learn
 * what happened. The shape is the `send` half of the service's safe outbound
 * sender (the one webhooks use: https unless private addresses are allowed,
 * addresses checked after DNS, no redirects, one total timeout, a capped
 * answer), so that sender plugs in as it is; until then `FetchOutboundHttp`
 * stands in. When both are on one branch this file goes and the adapter
 * imports the application port instead.
 */
export interface OutboundHttp {
  /** Never rejects for anything the target or the network does: the outcome says what happened. */
  send(request: OutboundRequest): Promise<OutboundOutcome>;
}

export interface OutboundRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

export type OutboundOutcome =
  /** The target answered (any status: 3xx is answered, not followed). */
  | {
      readonly kind: 'answered';
      readonly status: number;
      /** Lower-case names. */
      readonly headers: Readonly<Record<string, string>>;
      /** At most the sender's cap (64 KiB) of the answer's body. */
      readonly body: Uint8Array;
      /** True when the answer was longer than the cap and the rest was not read. */
      readonly truncated: boolean;
    }
  /** Never sent: the URL, or an address it resolved to, is not allowed. */
  | { readonly kind: 'refused'; readonly reason: string }
  /** No complete answer within the total time allowed. */
  | { readonly kind: 'timed-out' }
  /**
   * DNS, connection, TLS or protocol failure. `reason` starts with the
   * system error code when there is one (`ECONNREFUSED: …`) and carries no
   * secret (no header value, no body).
   */
  | { readonly kind: 'failed'; readonly reason: string };

export type OutboundAnswer = Extract<OutboundOutcome, { kind: 'answered' }>;
