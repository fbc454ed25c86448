import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { MAX_LENGTH, MAX_SECRET_LENGTH } from '../../../../domain/integration-authentication/integration-authentication-settings';
import { IsRedirectUri } from './is-redirect-uri.decorator';

export const NOT_BLANK = /\S/;
export const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
export const STATUS_VALUES = ['Active', 'Inactive', 1, 0] as const;

/**
 * Body of POST and PUT /api/v1/app-integrations/authentication (seed 000).
 * Wire-format rules only; the entity guards its own invariants again.
 */
export class IntegrationAuthenticationBody {
  @IsString() @Matches(NOT_BLANK, { message: 'must not be blank' }) @MaxLength(MAX_LENGTH)
  appIntegrationId!: string;

  @IsString() @Matches(NOT_BLANK, { message: 'must not be blank' }) @MaxLength(MAX_LENGTH)
  code!: string;

  @IsString() @Matches(NOT_BLANK, { message: 'must not be blank' }) @MaxLength(MAX_LENGTH)
  name!: string;

  @IsString() @Matches(NOT_BLANK, { message: 'must not be blank' }) @MaxLength(MAX_LENGTH)
  projectId!: string;

  @IsString() @Matches(NOT_BLANK, { message: 'must not be blank' }) @MaxLength(MAX_LENGTH)
  clientId!: string;

  @IsString() @Matches(NOT_BLANK, { message: 'must not be blank' }) @MaxLength(MAX_SECRET_LENGTH)
  clientSecret!: string;

  @IsString() @IsNotEmpty() @MaxLength(MAX_LENGTH) @IsRedirectUri()
  redirectURI!: string;

  @IsString() @Matches(NOT_BLANK, { message: 'must not be blank' }) @MaxLength(MAX_LENGTH)
  scope!: string;

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

  @IsOptional() @IsIn(STATUS_VALUES, { message: 'must be "Active" or "Inactive" (or 1 / 0)' })
  status?: 'Active' | 'Inactive' | 1 | 0;

  @IsOptional() @IsBoolean()
  isDefault?: boolean;
}

/** Status aliases of the wire format: answers always carry the strings. */
export function statusFromWire(value: 'Active' | 'Inactive' | 1 | 0 | undefined): 'Active' | 'Inactive' | undefined {
  if (value === 1) return 'Active';
  if (value === 0) return 'Inactive';
  return value;
}
