/** A row of a page query that also selects `count(*) OVER () AS total_items`. */
export interface CountedRow {
  total_items?: string;
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
