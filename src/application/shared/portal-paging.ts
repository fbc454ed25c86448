import { ValidationError } from '../../domain/shared/domain-error';
import { PageSlice } from '../ports/page';

export const DEFAULT_PER_PAGE = 10;
export const MAX_PER_PAGE = 100;
/** The HTTP adapter reads at most nine digits; the rule says so instead of letting a larger integer pass for "not an integer". */
export const MAX_PAGE = 999_999_999;

export interface PagingCommand {
  readonly page?: number;
  readonly perPage?: number;
}

/** The portal's paging rules (page from 1, per_page default 10, at most 100), as the rows to read. */
export function toPageSlice(command: PagingCommand): PageSlice {
  const page = command.page ?? 1;
  const perPage = command.perPage ?? DEFAULT_PER_PAGE;
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) throw ValidationError.single('page', `must be an integer from 1 to ${MAX_PAGE}`);
  if (!Number.isSafeInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    throw ValidationError.single('perPage', `must be an integer from 1 to ${MAX_PER_PAGE}`);
  }
  return { offset: (page - 1) * perPage, limit: perPage };
}
