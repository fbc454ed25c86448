import { Page, PageSlice } from '../ports/page';

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

/**
 * One page of a list held in memory (the in-memory adapters, a request's
 * credentials): the slice's items, each through `map`, and the total as a
 * list answers it — exact up to MAX_PAGED_ITEMS, MAX_PAGED_ITEMS beyond (the
 * items the list can reach), as the SQL count is.
 */
export function pageOf<T, R = T>(all: readonly T[], slice: PageSlice, map?: (item: T) => R): Page<R> {
  const items = all.slice(slice.offset, slice.offset + slice.limit);
  return { items: map === undefined ? (items as unknown as R[]) : items.map(map), total: Math.min(all.length, MAX_PAGED_ITEMS) };
}

/** Whether a page's first item (0-based) lies within the reach. */
export function withinReach(offset: number): boolean {
  return offset < MAX_PAGED_ITEMS;
}
