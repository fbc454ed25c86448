import { MAX_PAGED_ITEMS } from '../../../application/shared/paged-items';

/** A row of a page query that also selects `totalItems(…)`. */
export interface CountedRow {
  total_items?: string;
}

/** What a page counts: its table (with the alias its filters use) and its filters, whose $n are the page's first parameters. */
export interface PageCount {
  readonly from: string;
  readonly where?: string;
}

/**
 * Counts at most MAX_PAGED_ITEMS matching rows: the LIMIT under the count
 * stops the scan there, so a total costs the same at 10,000 rows as at 10
 * million (docs/adr/0017-bounded-pages.md). The constant is ours, not the
 * client's, hence inlined rather than a parameter: every page statement's
 * parameters stay as they were.
 */
const countSql = ({ from, where = 'true' }: PageCount) =>
  `SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${MAX_PAGED_ITEMS}) AS reachable`;

/**
 * The select-list item that carries a page's total in the page's own
 * statement: a count with the page's filters, as an uncorrelated subquery
 * (computed once) of at most MAX_PAGED_ITEMS rows, the items a list can
 * reach. Not `count(*) OVER ()`: a window count reads every matching row
 * whole, and keeps it, before the first row of the page leaves; a count
 * reads an index where one covers the filters (docs/performance.md, "Audit
 * pages").
 */
export function totalItems(count: PageCount): string {
  return `(${countSql(count)}) AS total_items`;
}

/**
 * The total behind a page, in the page's own round trip when it has rows. An
 * empty page (asked past the end) has no row to carry it, so only then the
 * same count runs alone, with the filters' parameters.
 */
export async function totalBehind(
  rows: readonly CountedRow[],
  db: { query(sql: string, params?: unknown[]): Promise<{ n: string }[]> },
  count: PageCount,
  filterParams: readonly unknown[] = [],
): Promise<number> {
  if (rows.length > 0) return Number(rows[0].total_items);
  const [row] = await db.query(countSql(count), [...filterParams]);
  return Number(row.n);
}
