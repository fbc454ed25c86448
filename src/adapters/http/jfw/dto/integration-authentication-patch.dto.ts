import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import { MAX_LENGTH, MAX_SECRET_LENGTH } from '../../../../domain/integration-authentication/integration-authentication-settings';
import { STATUS_VALUES } from './integration-authentication.dto';
import { IsRedirectUri } from './is-redirect-uri.decorator';

const NOT_BLANK = /\S/;
const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

/**
 * Validated when present, `null` included: a required field may be left out
 * of a merge patch, never cleared.
 */
const IfGiven = () => ValidateIf((_object, value) => value !== undefined);

/**
 * Body of PATCH /api/v1/app-integrations/authentication/{id}, a JSON Merge
 * Patch (RFC 7396): the same field rules as PUT, every field optional, and
 * `null` allowed only on the nullable fields (where it clears them).
 */
export class IntegrationAuthenticationPatchBody {
  @IfGiven() @IsString() @Matches(NOT_BLANK, { message: 'must not be blank' }) @MaxLength(MAX_LENGTH)
  appIntegrationId?: string;

  @IfGiven() @IsString() @Matches(NOT_BLANK, { message: 'must not be blank' }) @MaxLength(MAX_LENGTH)
  code?: string;

  @IfGiven() @IsString() @Matches(NOT_BLANK, { message: 'must not be blank' }) @MaxLength(MAX_LENGTH)
  name?: string;

  @IfGiven() @IsString() @Matches(NOT_BLANK, { message: 'must not be blank' }) @MaxLength(MAX_LENGTH)
  projectId?: string;

  @IfGiven() @IsString() @Matches(NOT_BLANK, { message: 'must not be blank' }) @MaxLength(MAX_LENGTH)
  clientId?: string;

  @IfGiven() @IsString() @Matches(NOT_BLANK, { message: 'must not be blank' }) @MaxLength(MAX_SECRET_LENGTH)
  clientSecret?: string;

  @IfGiven() @IsString() @IsNotEmpty() @MaxLength(MAX_LENGTH) @IsRedirectUri()
  redirectURI?: string;

  @IfGiven() @IsString() @Matches(NOT_BLANK, { message: 'must not be blank' }) @MaxLength(MAX_LENGTH)
  scope?: string;

  @IsOptional() @IsString() @MaxLength(MAX_LENGTH) @IsUrl(HTTP_URL, { message: 'must be an absolute http(s) URL or null' })
  authEndpoint?: string | null;

  @IsOptional() @IsString() @MaxLength(MAX_LENGTH) @IsUrl(HTTP_URL, { message: 'must be an absolute http(s) URL or null' })
  tokenEndpoint?: string | null;

  @IsOptional() @IsString() @MaxLength(MAX_LENGTH) @IsUrl(HTTP_URL, { message: 'must be an absolute http(s) URL or null' })
  iconURL?: string | null;

  @IsOptional() @IsString() @MaxLength(MAX_LENGTH)
  tags?: string | null;

  @IsOptional() @IsString() @MaxLength(MAX_LENGTH)
  description?: string | null;

  @IfGiven() @IsIn(STATUS_VALUES, { message: 'must be "Active" or "Inactive" (or 1 / 0)' })
  status?: 'Active' | 'Inactive' | 1 | 0;

  @IfGiven() @IsBoolean()
  isDefault?: boolean;
}
