import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ACTIVITY_STATUSES, APP_INTEGRATION_TYPES, ActivityStatus, AppIntegrationType } from '../../../../domain/app-integration/app-integration';
import { MAX_PAGE_NUMBER, MAX_PAGE_SIZE, PAGE_NUMBER_RULE, PAGE_SIZE_RULE } from '../../../../application/shared/jfw-paging';

const KEYWORDS_MAX_LENGTH = 200;

/** "12" → 12; anything else (1.5, -x, "", an array) stays as given and fails @IsInt. */
const toInteger = () => Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,10}$/.test(value) ? Number(value) : value));

/** Query strings carry text: 1 and 0 are the status aliases, answers always use the strings. */
const toStatus = () => Transform(({ value }) => (value === '1' ? 'Active' : value === '0' ? 'Inactive' : value));

/** pageNumber (from 0) and pageSize (default 50, at most 200), as every list of the surface takes them. */
export class PageQuery {
  // One message for every way to miss the rule: a number of more than ten digits is not converted, and
  // must not be told it is no integer.
  @IsOptional() @toInteger() @IsInt({ message: PAGE_NUMBER_RULE }) @Min(0, { message: PAGE_NUMBER_RULE }) @Max(MAX_PAGE_NUMBER, { message: PAGE_NUMBER_RULE })
  pageNumber?: number;

  @IsOptional() @toInteger() @IsInt({ message: PAGE_SIZE_RULE }) @Min(1, { message: PAGE_SIZE_RULE }) @Max(MAX_PAGE_SIZE, { message: PAGE_SIZE_RULE })
  pageSize?: number;

  @IsOptional() @IsString() @MaxLength(KEYWORDS_MAX_LENGTH)
  keywords?: string;
}

/** GET /api/v1/app-integrations. */
export class AppIntegrationListQuery extends PageQuery {
  @IsOptional() @IsIn(APP_INTEGRATION_TYPES, { message: `must be one of ${APP_INTEGRATION_TYPES.join(', ')}` })
  type?: AppIntegrationType;

  @IsOptional() @toStatus() @IsIn(ACTIVITY_STATUSES, { message: 'must be "Active" or "Inactive" (or 1 / 0)' })
  status?: ActivityStatus;
}

/** GET /api/v1/app-integrations/authentication. */
export class IntegrationAuthenticationListQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(64)
  appIntegrationId?: string;

  @IsOptional() @toStatus() @IsIn(ACTIVITY_STATUSES, { message: 'must be "Active" or "Inactive" (or 1 / 0)' })
  status?: ActivityStatus;
}
