/** A page of a list; `page` counts from 1. */
export interface PageRequest {
  readonly page: number;
  readonly perPage: number;
}

/** One page of items plus the size of the whole list, for paging links. */
export interface PageResult<T> {
  readonly items: readonly T[];
  readonly total: number;
}
