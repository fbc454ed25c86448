/**
 * The paging words of both surfaces' ports. Each surface's use cases turn
 * their own query rules (JFramework: pageNumber from 0, pageSize; portal:
 * page from 1, per_page) into a slice; every store answers a Page.
 */

/** The rows a list query asks a store for. */
export interface PageSlice {
  readonly offset: number;
  readonly limit: number;
}

/**
 * One page of items and the size of the whole list (for totals and paging
 * links), counted to at most MAX_PAGED_ITEMS: the items the list can reach.
 */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}
