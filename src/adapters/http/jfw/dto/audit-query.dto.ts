import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PagingQuery } from './paging-query.dto';
import { IsTimeBound } from './time-bound';

/** GET /api/v1/audit. */
export class AuditListQuery extends PagingQuery {
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
