import { FieldViolations } from '../../domain/shared/field-violations';
import { Page } from '../ports/page';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** Keeps OFFSET (pageNumber × pageSize) far below what an integer column or the planner minds. */
export const MAX_PAGE_NUMBER = 1_000_000;
/** The rules as said to clients, by the use cases and by the HTTP query check alike. */
export const PAGE_NUMBER_RULE = `must be an integer from 0 to ${MAX_PAGE_NUMBER}`;
export const PAGE_SIZE_RULE = `must be an integer from 1 to ${MAX_PAGE_SIZE}`;

/** A JFramework list's query (pageNumber from 0); the portal's is PagingCommand (page from 1). */
export interface PageRequest {
  /** From 0. */
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
 * the wire format first; this guards every other caller the same way.
 */
export function resolvePage(request: PageRequest): { pageNumber: number; pageSize: number; offset: number; limit: number } {
  const pageNumber = request.pageNumber ?? 0;
  const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
  const violations = new FieldViolations();
  if (!Number.isInteger(pageNumber) || pageNumber < 0 || pageNumber > MAX_PAGE_NUMBER) {
    violations.add('pageNumber', PAGE_NUMBER_RULE);
  }
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    violations.add('pageSize', PAGE_SIZE_RULE);
  }
  violations.throwIfAny();
  return { pageNumber, pageSize, offset: pageNumber * pageSize, limit: pageSize };
}

/** Blank keywords filter nothing. */
export function keywordsFilter(keywords: string | undefined): string | undefined {
  const trimmed = keywords?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
