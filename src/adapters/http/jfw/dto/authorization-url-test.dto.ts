import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_LENGTH } from '../../../../domain/integration-authentication/integration-authentication-settings';
import { IsRedirectUri } from './is-redirect-uri.decorator';

const NOT_BLANK = /\S/;

/**
 * Body of POST /api/v1/app-integrations/{appIntegrationId}/authentication/test.
 * Every field is optional and overrides the stored value for this URL only;
 * an override obeys the same rule as the stored field. A missing `state` is
 * generated.
 */
export class AuthorizationUrlTestBody {
  @IsOptional() @IsString() @Matches(NOT_BLANK, { message: 'must not be blank' }) @MaxLength(MAX_LENGTH)
  clientId?: string;

  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(MAX_LENGTH) @IsRedirectUri()
  redirectURI?: string;

  @IsOptional() @IsString() @Matches(NOT_BLANK, { message: 'must not be blank' }) @MaxLength(MAX_LENGTH)
  scope?: string;

  @IsOptional() @IsString() @Matches(NOT_BLANK, { message: 'must not be blank' }) @MaxLength(MAX_LENGTH)
  state?: string;
}
