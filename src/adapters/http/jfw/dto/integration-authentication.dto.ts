import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { MAX_LENGTH, MAX_SECRET_LENGTH } from '../../../../domain/integration-authentication/integration-authentication-settings';
import { IsRedirectUri } from './is-redirect-uri.decorator';

export const NOT_BLANK = /\S/;
export const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
export const STATUS_VALUES = ['Active', 'Inactive', 1, 0] as const;

/** Stacks decorators as `@A() @B()` would: applied right to left, so constraint order stays the same. */
function stack(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => [...decorators].reverse().forEach((decorate) => decorate(target, key));
}

/*
 * One rule per kind of field, shared by the PUT/POST body and the PATCH body
 * (which adds its own presence rule in front).
 */
export const NonBlankText = (limit = MAX_LENGTH) => stack(IsString(), Matches(NOT_BLANK, { message: 'must not be blank' }), MaxLength(limit));
export const RedirectUriText = () => stack(IsString(), IsNotEmpty(), MaxLength(MAX_LENGTH), IsRedirectUri());
export const HttpUrlText = () =>
  stack(IsString(), MaxLength(MAX_LENGTH), IsUrl(HTTP_URL, { message: 'must be an absolute http(s) URL or null' }));
export const BoundedText = () => stack(IsString(), MaxLength(MAX_LENGTH));
export const WireStatus = () => IsIn(STATUS_VALUES, { message: 'must be "Active" or "Inactive" (or 1 / 0)' });

/**
 * Body of POST and PUT /api/v1/app-integrations/authentication (seed 000).
 * Wire-format rules only; the entity guards its own invariants again.
 */
export class IntegrationAuthenticationBody {
  @NonBlankText()
  appIntegrationId!: string;

  @NonBlankText()
  code!: string;

  @NonBlankText()
  name!: string;

  @NonBlankText()
  projectId!: string;

  @NonBlankText()
  clientId!: string;

  @NonBlankText(MAX_SECRET_LENGTH)
  clientSecret!: string;

  @RedirectUriText()
  redirectURI!: string;

  @NonBlankText()
  scope!: string;

  @IsOptional() @HttpUrlText()
  authEndpoint?: string | null;

  @IsOptional() @HttpUrlText()
  tokenEndpoint?: string | null;

  @IsOptional() @HttpUrlText()
  iconURL?: string | null;

  @IsOptional() @BoundedText()
  tags?: string | null;

  @IsOptional() @BoundedText()
  description?: string | null;

  @IsOptional() @WireStatus()
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
