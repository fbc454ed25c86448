import { token } from './token';
/**
 * Calls from the service to URLs that users chose: webhook deliveries and
 * dynamic client registration at identity providers. The adapter, not the
 * caller, decides which targets are reachable (https only, no private or
 * metadata addresses unless the operator allowed private networks), so a
 * user-supplied URL can never turn the service into a proxy into its own
 * network. Every call is bounded: one total timeout, a capped answer, no
 * redirects followed.
 */
export interface OutboundHttp {
  /** Never rejects for anything the target or the network does: the outcome says what happened. */
  send(request: OutboundRequest): Promise<OutboundOutcome>;
  /**
   * What can be known without DNS (scheme, userinfo, IP literals, `localhost`),
   * for refusing a URL when it is registered; `send` checks again, after DNS.
   */
  checkTarget(url: string): TargetVerdict;
}

export const OUTBOUND_HTTP = token<OutboundHttp>('OutboundHttp');

export interface OutboundRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  /** Header names as sent; the adapter adds none that would change the meaning of the request. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

export type OutboundOutcome =
  /** The target answered (any status: 3xx is answered, not followed). */
  | {
      readonly kind: 'answered';
      readonly status: number;
      /** Lower-case names; repeated headers joined with ", ". */
      readonly headers: Readonly<Record<string, string>>;
      /** At most the adapter's cap (64 KiB by default) of the answer's body. */
      readonly body: Uint8Array;
      /** True when the answer was longer than the cap and the rest was not read. */
      readonly truncated: boolean;
    }
  /**
   * The request was never sent: the URL or an address it resolved to is not
   * allowed. `reason` may be shown to whoever chose the URL, so it names no
   * address that only DNS revealed.
   */
  | { readonly kind: 'refused'; readonly reason: string }
  /** No complete answer within the total time allowed. */
  | { readonly kind: 'timed-out' }
  /** DNS, connection, TLS or protocol failure; `reason` carries no secret (no header values, no body). */
  | { readonly kind: 'failed'; readonly reason: string };

export type TargetVerdict = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };
