/**
 * A change to what authenticates a request, made by any process on the same
 * database (another instance, the command line): the keys of one brand (or
 * the brand itself), one portal admin, or everything (the feed is back after
 * an interruption and may have missed some). `offline`: the feed cannot hear
 * changes for now — drop everything and cache nothing until `everything`.
 */
export type AuthChange =
  | { readonly kind: 'brand'; readonly url: string }
  | { readonly kind: 'portal-admin'; readonly id: number }
  | { readonly kind: 'everything' }
  | { readonly kind: 'offline' };

/**
 * Where the auth caches hear of such changes, so they drop what they hold
 * at once instead of at the end of their TTL. Narrow on purpose: the
 * caches only subscribe; how changes travel (PostgreSQL LISTEN/NOTIFY, or
 * nothing at all in an embedding host with one process) is the adapter's.
 */
export interface AuthChangeFeed {
  /** Calls `onChange` for every change from now on; answers a function that stops it. */
  subscribe(onChange: (change: AuthChange) => void): () => void;
}
