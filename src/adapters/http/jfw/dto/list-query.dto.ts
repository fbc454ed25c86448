import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ACTIVITY_STATUSES, APP_INTEGRATION_TYPES, ActivityStatus, AppIntegrationType } from '../../../../domain/app-integration/app-integration';
import { PagingQuery } from './paging-query.dto';

const KEYWORDS_MAX_LENGTH = 200;

/** Query strings carry text: 1 and 0 are the status aliases, answers always use the strings. */
const toStatus = () => Transform(({ value }) => (value === '1' ? 'Active' : value === '0' ? 'Inactive' : value));

/** Paging and keywords, as the surface's text-searchable lists take them. */
export class PageQuery extends PagingQuery {
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
