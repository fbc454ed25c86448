import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_PAGE_NUMBER, MAX_PAGE_SIZE, PAGE_NUMBER_RULE, PAGE_SIZE_RULE } from '../../../../application/shared/jfw-paging';

/** "12" → 12; anything else (1.5, -x, "", an array) stays as given and fails @IsInt. */
const toInteger = () => Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,10}$/.test(value) ? Number(value) : value));

/**
 * pageNumber (from 0) and pageSize (default 50, at most 200), as every list
 * of the surface takes them; alone, the query of a list with no filters.
 */
export class PagingQuery {
  // One message for every way to miss the rule: a number of more than ten digits is not converted, and
  // must not be told it is no integer.
  @IsOptional() @toInteger() @IsInt({ message: PAGE_NUMBER_RULE }) @Min(0, { message: PAGE_NUMBER_RULE }) @Max(MAX_PAGE_NUMBER, { message: PAGE_NUMBER_RULE })
  pageNumber?: number;

  @IsOptional() @toInteger() @IsInt({ message: PAGE_SIZE_RULE }) @Min(1, { message: PAGE_SIZE_RULE }) @Max(MAX_PAGE_SIZE, { message: PAGE_SIZE_RULE })
  pageSize?: number;
}
