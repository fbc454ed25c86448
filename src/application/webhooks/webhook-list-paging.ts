import { WebhookScope } from '../../domain/webhooks/webhook-subscription';
import { PageSlice } from '../ports/page';
import { PageRequest, resolvePage } from '../shared/jfw-paging';
import { PagingCommand, toPageSlice } from '../shared/portal-paging';

/**
 * A webhook list's paging in the words of the surface that asks:
 * pageNumber/pageSize on JFramework, page/perPage on the portal. Each is read
 * by the rules of that surface's other lists (defaults, bounds, messages);
 * the other surface's words are not read.
 */
export type WebhookListPaging = PageRequest & PagingCommand;

/** The rows to read, and where they sit as JFramework answers it (pageNumber from 0). */
export interface WebhookListPage {
  readonly slice: PageSlice;
  readonly pageNumber: number;
  readonly pageSize: number;
}

/** Throws ValidationError naming the parameter and its bounds. */
export function webhookListPage(scope: WebhookScope, paging: WebhookListPaging): WebhookListPage {
  if (scope.surface === 'portal') {
    const slice = toPageSlice(paging);
    return { slice, pageNumber: slice.offset / slice.limit, pageSize: slice.limit };
  }
  const { pageNumber, pageSize, offset, limit } = resolvePage(paging);
  return { slice: { offset, limit }, pageNumber, pageSize };
}
