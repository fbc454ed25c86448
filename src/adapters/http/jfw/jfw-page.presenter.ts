/** `data` of every JFramework list (configurations, catalog, audit, webhooks, deliveries): one page and where it sits. */
export function presentPage<T, R>(page: { items: readonly T[]; total: number; pageNumber: number; pageSize: number }, present: (item: T) => R) {
  // `totalItems` on the wire (the JFramework contract); `total` inside, as on the portal.
  return { items: page.items.map(present), totalItems: page.total, pageNumber: page.pageNumber, pageSize: page.pageSize };
}
