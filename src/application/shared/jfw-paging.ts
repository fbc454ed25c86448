import { FieldViolations } from '../../domain/shared/field-violations';
import { Page } from '../ports/page';
import { MAX_PAGED_ITEMS, pagedItemsReach, withinReach } from './paged-items';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** The furthest page any pageSize reaches (pageSize 1); with a larger pageSize the reach ends sooner (resolvePage). */
export const MAX_PAGE_NUMBER = MAX_PAGED_ITEMS - 1;
/**
 * The rules as said to clients, by the use cases and by the HTTP query check
 * alike: one message for every way to miss a rule, the reach included.
 */
export const PAGE_NUMBER_RULE = `must be an integer from 0 with pageNumber × pageSize below ${MAX_PAGED_ITEMS}: ${pagedItemsReach('from/to on the audit')}`;
export const PAGE_SIZE_RULE = `must be an integer from 1 to ${MAX_PAGE_SIZE}`;

/** A JFramework list's query (pageNumber from 0); the portal's is PagingCommand (page from 1). */
export interface PageRequest {
  /** From 0, with pageNumber × pageSize below MAX_PAGED_ITEMS (10,000). */
  readonly pageNumber?: number;
  /** Default 50, at most 200. */
  readonly pageSize?: number;
}

/** A JFramework list's answer: the page and where it is. */
export interface PageAnswer<T> extends Page<T> {
  readonly pageNumber: number;
  readonly pageSize: number;
}

/**
 * The page a list query asks for, as offset and limit. The HTTP edge checks
 * the wire format first; this guards every other caller the same way, and
 * alone knows both parameters, so it alone refuses a page whose first item
 * lies past the reach (pageNumber × pageSize ≥ MAX_PAGED_ITEMS).
 */
export function resolvePage(request: PageRequest): { pageNumber: number; pageSize: number; offset: number; limit: number } {
  const pageNumber = request.pageNumber ?? 0;
  const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
  const violations = new FieldViolations();
  const pageSizeValid = Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= MAX_PAGE_SIZE;
  // A page number is judged by the page size asked with it; with a bad page size, by its own bound alone.
  if (!Number.isInteger(pageNumber) || pageNumber < 0 || pageNumber > MAX_PAGE_NUMBER || (pageSizeValid && !withinReach(pageNumber * pageSize))) {
    violations.add('pageNumber', PAGE_NUMBER_RULE);
  }
  if (!pageSizeValid) violations.add('pageSize', PAGE_SIZE_RULE);
  violations.throwIfAny();
  return { pageNumber, pageSize, offset: pageNumber * pageSize, limit: pageSize };
}

/** Blank keywords filter nothing. */
export function keywordsFilter(keywords: string | undefined): string | undefined {
  const trimmed = keywords?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
