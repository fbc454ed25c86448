import { ValidationError } from '../../domain/shared/domain-error';
import { PageRequest } from '../ports/portal/page';

export const DEFAULT_PER_PAGE = 10;
export const MAX_PER_PAGE = 100;

export interface PagingCommand {
  page?: number;
  perPage?: number;
}

/** The portal's paging rules: page from 1, per_page default 10, at most 100. */
export function toPageRequest(command: PagingCommand): PageRequest {
  const page = command.page ?? 1;
  const perPage = command.perPage ?? DEFAULT_PER_PAGE;
  if (!Number.isSafeInteger(page) || page < 1) throw ValidationError.single('page', 'must be a positive integer');
  if (!Number.isSafeInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    throw ValidationError.single('perPage', `must be an integer from 1 to ${MAX_PER_PAGE}`);
  }
  return { page, perPage };
}
