/**
 * How far every list of both surfaces pages: through its first 10,000 items,
 * as Elasticsearch's max_result_window does (docs/adr/0017-bounded-pages.md).
 * A page starting beyond is refused before the database is asked,
 * and a total counts at most this many rows: OFFSET and count(*) both read
 * every row they pass, and a tenant's audit and deliveries only grow.
 */
export const MAX_PAGED_ITEMS = 10_000;

/** What a refused page is told, on either surface: the reach, and the way to a narrower list (`example`: a surface's own filters). */
export function pagedItemsReach(example: string): string {
  return `lists reach their first ${MAX_PAGED_ITEMS.toLocaleString('en-US')} items; narrow a longer list with its filters (e.g. ${example})`;
}

/** A total as a list answers it: exact up to MAX_PAGED_ITEMS, MAX_PAGED_ITEMS beyond (the items the list can reach). */
export function reachableTotal(total: number): number {
  return Math.min(total, MAX_PAGED_ITEMS);
}

/** Whether a page's first item (0-based) lies within the reach. */
export function withinReach(offset: number): boolean {
  return offset < MAX_PAGED_ITEMS;
}
