import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { TOKEN_ENDPOINT_AUTH_METHODS } from '../../../../domain/api-product/api-product';
import { AUTH_TYPES } from '../../../../domain/api-product/auth-type';
import { PortalEmail } from '../../../../domain/portal-user/portal-email';
import { RedirectUrlList } from '../../../../domain/portal-app/redirect-url-list';
import { USER_ROLES } from '../../../../domain/portal-user/user-role';
import { VISIBILITIES } from '../../../../domain/portal-app/visibility';
import { SatisfiesDomain } from '../../shared/satisfies-domain.decorator';
import { INT4_MAX } from '../../../../domain/shared/limits';

/*
 * Wire shapes of the portal bodies, in Tyk's field names. They check types,
 * ranges and, through the domain's own value objects, the field rules, so one
 * 422 names every problem; the domain checks them again and the error
 * middleware names its fields the same way.
 */

export const MAX_TEXT = 4096;

/** Optional but, when present, not null: null is no value of these fields. */
const Present = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

const Id = () => (target: object, key: string) => {
  IsInt({ message: 'must be a positive integer' })(target, key);
  Min(1, { message: 'must be a positive integer' })(target, key);
  Max(INT4_MAX, { message: 'must be a positive integer' })(target, key);
};

// The answer names the last failed rule (validate-body.ts): the type's, for a value that is no string.
const Text = () => (target: object, key: string) => {
  MaxLength(MAX_TEXT)(target, key);
  IsString({ message: 'must be a string' })(target, key);
};

const NonBlank = () => Matches(/\S/, { message: 'must not be blank' });
const OneOf = (values: readonly string[]) => IsIn(values as string[], { message: `must be one of ${values.join(', ')}` });
const Email = () => SatisfiesDomain('isPortalEmail', (v) => PortalEmail.create(v));
const RedirectUrls = () => SatisfiesDomain('isRedirectUrlList', (v) => RedirectUrlList.create(v));

export class PortalUserUpdateBody {
  @Present() @Text() @Email() Email?: string;
  @Present() @Text() First?: string;
  @Present() @Text() Last?: string;
  @Present() @Text() @OneOf(USER_ROLES) Role?: string;
  @IsOptional() @Id() OrganisationID?: number | null;
  @Present() @IsBoolean() Active?: boolean;
}

export class PortalUserCreateBody {
  @Text() @Email() Email!: string;
  @Text() First!: string;
  @Text() Last!: string;
  @Text() @OneOf(USER_ROLES) Role!: string;
  @IsOptional() @Id() OrganisationID?: number | null;
  @Present() @IsBoolean() Active?: boolean;
}

const Names = () => (target: object, key: string) => {
  IsArray({ message: 'must be an array of strings' })(target, key);
  ArrayMaxSize(10)(target, key);
  IsString({ each: true, message: 'must be an array of strings' })(target, key);
  MaxLength(64, { each: true })(target, key);
};

export class ApiProductCreateBody {
  @Text() Name!: string;
  @Text() @OneOf(AUTH_TYPES) AuthType!: string;
  @Present() @Text() Scopes?: string;
  /** Dynamic client registration (docs/dcr.md): credentials registered at the identity provider. */
  @Present() @IsBoolean() DCREnabled?: boolean;
  @IsOptional() @Id() IdentityProviderID?: number | null;
  @Present() @Names() GrantTypes?: string[];
  @Present() @Names() ResponseTypes?: string[];
  @Present() @Text() @OneOf(TOKEN_ENDPOINT_AUTH_METHODS) TokenEndpointAuthMethod?: string;
}

export class PortalAppUpdateBody {
  @Present() @Text() @NonBlank() Name?: string;
  @Present() @Text() Description?: string;
  @Present() @Text() @RedirectUrls() RedirectURLs?: string;
  @Present() @Id() UserID?: number;
  @Present() @Text() @OneOf(VISIBILITIES) Visibility?: string;
}

export class PortalAppCreateBody {
  @Text() @NonBlank() Name!: string;
  @Present() @Text() Description?: string;
  @Present() @Text() @RedirectUrls() RedirectURLs?: string;
  @Id() UserID!: number;
  @Present() @Text() @OneOf(VISIBILITIES) Visibility?: string;
}

export class ProvisionBody {
  @IsArray() @ArrayMaxSize(100) @IsInt({ each: true, message: 'must list product ids' }) @Min(1, { each: true, message: 'must list product ids' })
  @Max(INT4_MAX, { each: true, message: 'must list product ids' })
  Products!: number[];
  @Present() @Text() Plan?: string;
  @Present() @Text() Catalogue?: string;
}

const APP_TEXT_FIELDS = ['Name', 'Description', 'RedirectURLs', 'Visibility'] as const;
const APP_FIELDS = new Set<string>([...APP_TEXT_FIELDS, 'UserID']);

/**
 * True only for bodies PortalAppUpdateBody accepts (same or stricter tests);
 * such a body skips the reflective class-validator pass on seed 003's PUT,
 * any other takes it, so error answers stay the DTO's.
 */
export function surelyValidPortalAppUpdateBody(body: Record<string, unknown>): boolean {
  for (const key in body) if (!APP_FIELDS.has(key)) return false;
  for (const field of APP_TEXT_FIELDS) {
    const value = body[field];
    if (value !== undefined && !(typeof value === 'string' && value.length <= MAX_TEXT)) return false;
  }
  if (typeof body.Name === 'string' && !/\S/.test(body.Name)) return false;
  if (body.Visibility !== undefined && !(VISIBILITIES as readonly unknown[]).includes(body.Visibility)) return false;
  if (typeof body.RedirectURLs === 'string' && !isRedirectUrlList(body.RedirectURLs)) return false;
  const id = body.UserID;
  return id === undefined || (typeof id === 'number' && Number.isInteger(id) && id >= 1 && id <= INT4_MAX);
}

function isRedirectUrlList(value: string): boolean {
  try {
    RedirectUrlList.create(value);
    return true;
  } catch {
    return false;
  }
}
