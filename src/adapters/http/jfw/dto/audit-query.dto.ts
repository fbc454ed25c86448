import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_NUMBER, MAX_PAGE_SIZE, PAGE_NUMBER_RULE, PAGE_SIZE_RULE } from '../../../../application/shared/jfw-paging';
import { IsTimeBound } from './time-bound';

/** "12" → 12; anything else stays as given and fails @IsInt. */
const toInteger = () => Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,10}$/.test(value) ? Number(value) : value));

/** GET /api/v1/app-integrations/authentication/{id}/history: paging only (no keywords: entries are not text). */
export class AuditHistoryQuery {
  // One message for every way to miss the rule: a number of more than ten digits is not converted, and
  // must not be told it is no integer.
  @IsOptional() @toInteger() @IsInt({ message: PAGE_NUMBER_RULE }) @Min(0, { message: PAGE_NUMBER_RULE }) @Max(MAX_PAGE_NUMBER, { message: PAGE_NUMBER_RULE })
  pageNumber?: number;

  @IsOptional() @toInteger() @IsInt({ message: PAGE_SIZE_RULE }) @Min(1, { message: PAGE_SIZE_RULE }) @Max(MAX_PAGE_SIZE, { message: PAGE_SIZE_RULE })
  pageSize?: number;
}

/** GET /api/v1/audit. */
export class AuditListQuery extends AuditHistoryQuery {
  @IsOptional() @IsString() @MaxLength(48)
  resourceType?: string;

  @IsOptional() @IsString() @MaxLength(64)
  resourceId?: string;

  // Inclusive bounds on the entries' time, read by parseTimeBound (a date alone is its whole UTC day).
  @IsOptional() @IsTimeBound()
  from?: string;

  @IsOptional() @IsTimeBound()
  to?: string;
}
