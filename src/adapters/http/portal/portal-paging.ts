import type { Context } from 'koa';
import { PagingCommand } from '../../../application/shared/portal-paging';

function queryNumber(value: string | string[] | undefined): number | undefined {
  if (value === undefined) return undefined;
  // NaN for anything but digits (at most nine; more is past any reach): the use case's paging rule names the field and its bounds.
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
}

/** `?page=&per_page=` as the use cases take them; the total goes to X-Total-Count. */
export function pagingOf(ctx: Context): PagingCommand {
  return { page: queryNumber(ctx.query.page), perPage: queryNumber(ctx.query.per_page) };
}

export function sendPage<T>(ctx: Context, page: { items: readonly T[]; total: number }, present: (item: T) => unknown): void {
  ctx.set('X-Total-Count', String(page.total));
  ctx.body = page.items.map(present);
}
