import { Transform } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_NUMBER, MAX_PAGE_SIZE } from '../../../../application/shared/jfw-paging';

/** "12" → 12; anything else stays as given and fails @IsInt. */
const toInteger = () => Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,10}$/.test(value) ? Number(value) : value));

/** GET /api/v1/app-integrations/authentication/{id}/history: paging only (no keywords: entries are not text). */
export class AuditHistoryQuery {
  @IsOptional() @toInteger() @IsInt({ message: 'must be an integer' }) @Min(0) @Max(MAX_PAGE_NUMBER)
  pageNumber?: number;

  @IsOptional() @toInteger() @IsInt({ message: 'must be an integer' }) @Min(1) @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

/** GET /api/v1/audit. */
export class AuditListQuery extends AuditHistoryQuery {
  @IsOptional() @IsString() @MaxLength(48)
  resourceType?: string;

  @IsOptional() @IsString() @MaxLength(64)
  resourceId?: string;

  @IsOptional() @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  from?: string;

  @IsOptional() @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  to?: string;
}
