/** A row of a page query that also selects `totalItems(…)`. */
export interface CountedRow {
  total_items?: string;
}

/**
 * The select-list item that carries a page's total in the page's own
 * statement: a count with the page's filters, as an uncorrelated subquery
 * (computed once). Not `count(*) OVER ()`: a window count reads every
 * matching row whole, and keeps it, before the first row of the page
 * leaves; a count reads an index where one covers the filters
 * (docs/performance.md, "Audit pages").
 */
export function totalItems(from: string, where = 'true'): string {
  return `(SELECT count(*) FROM ${from} WHERE ${where}) AS total_items`;
}

/**
 * The total behind a page, in the page's own round trip when it has rows. An
 * empty page (asked past the end) has no row to carry the window count, so
 * only then `countWhenEmpty` runs a `SELECT count(*) AS n …` with the filters.
 */
export async function totalBehind(rows: readonly CountedRow[], countWhenEmpty: () => Promise<{ n: string }[]>): Promise<number> {
  if (rows.length > 0) return Number(rows[0].total_items);
  const [row] = await countWhenEmpty();
  return Number(row.n);
}
