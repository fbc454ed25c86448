import { ValidationError } from '../../domain/shared/domain-error';
import { PageSlice } from '../ports/page';
import { MAX_PAGED_ITEMS, pagedItemsReach, withinReach } from './paged-items';

export const DEFAULT_PER_PAGE = 10;
export const MAX_PER_PAGE = 100;
/** The furthest page any per_page reaches (per_page 1); with a larger per_page the reach ends sooner (toPageSlice). */
export const MAX_PAGE = MAX_PAGED_ITEMS;
/** One message for every way to miss the rule (a larger integer than the HTTP adapter reads included), the reach too. */
export const PAGE_RULE = `must be an integer from 1 with (page - 1) × per_page below ${MAX_PAGED_ITEMS}: ${pagedItemsReach('resource_type/resource_id on the audit')}`;

export interface PagingCommand {
  readonly page?: number;
  readonly perPage?: number;
}

/**
 * The portal's paging rules (page from 1, per_page default 10, at most 100),
 * as the rows to read; a page whose first item lies past the reach
 * ((page − 1) × per_page ≥ MAX_PAGED_ITEMS) is refused, naming page.
 */
export function toPageSlice(command: PagingCommand): PageSlice {
  const page = command.page ?? 1;
  const perPage = command.perPage ?? DEFAULT_PER_PAGE;
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) throw ValidationError.single('page', PAGE_RULE);
  if (!Number.isSafeInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    throw ValidationError.single('perPage', `must be an integer from 1 to ${MAX_PER_PAGE}`);
  }
  const offset = (page - 1) * perPage;
  if (!withinReach(offset)) throw ValidationError.single('page', PAGE_RULE);
  return { offset, limit: perPage };
}
