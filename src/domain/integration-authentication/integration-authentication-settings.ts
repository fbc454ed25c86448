import { ActivityStatus, isActivityStatus } from '../app-integration/app-integration';
import { FieldViolations } from '../shared/field-violations';
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from '../shared/control-characters';
import { assertEndpointUrl, assertRedirectUri, isHttpUrl } from '../shared/urls';
import { MAX_TEXT_LENGTH } from '../shared/limits';

/** What a brand configures for one OAuth2 client; field names are the API's. */
export interface IntegrationAuthenticationSettings {
  readonly appIntegrationId: string;
  readonly code: string;
  readonly name: string;
  readonly projectId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectURI: string;
  readonly scope: string;
  readonly authEndpoint: string | null;
  readonly tokenEndpoint: string | null;
  readonly iconURL: string | null;
  readonly tags: string | null;
  readonly description: string | null;
  readonly status: ActivityStatus;
  readonly isDefault: boolean;
}

/** Settings as a caller may give them: optional fields may be left out. */
export type SettingsInput = Pick<
  IntegrationAuthenticationSettings,
  'appIntegrationId' | 'code' | 'name' | 'projectId' | 'clientId' | 'clientSecret' | 'redirectURI' | 'scope'
> &
  Partial<Omit<IntegrationAuthenticationSettings, 'status'>> & { readonly status?: string };

export const REQUIRED_FIELDS = [
  'appIntegrationId',
  'code',
  'name',
  'projectId',
  'clientId',
  'clientSecret',
  'redirectURI',
  'scope',
] as const;
export const URL_FIELDS = ['authEndpoint', 'tokenEndpoint', 'iconURL'] as const;
/** Where users and secrets are sent: https only (RFC 9700), unlike the icon. */
export const ENDPOINT_FIELDS = ['authEndpoint', 'tokenEndpoint'] as const;
export const NULLABLE_FIELDS = [...URL_FIELDS, 'tags', 'description'] as const;

export const MAX_LENGTH = MAX_TEXT_LENGTH;
export const MAX_SECRET_LENGTH = 8192;
/**
 * `code` is a key of a B-tree index (brand, code), whose entries PostgreSQL
 * caps at about 2,700 bytes: 2,048 characters of CJK text are 6,144. So it is
 * bounded in UTF-8 bytes as well; an ASCII code may still have 2,048 characters.
 */
export const MAX_CODE_BYTES = 2048;

/** The create-time defaults, which PUT also restores for fields it omits. */
/** UTF-8 length of a string, without encoding it (surrogate pairs are 4 bytes, lone surrogates 3, as their U+FFFD). */
export function utf8Length(value: string): number {
  let bytes = value.length;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0x800) bytes += unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? (i++, 2) : 2;
    else if (unit >= 0x80) bytes += 1;
  }
  return bytes;
}

export const SETTINGS_DEFAULTS = {
  authEndpoint: null,
  tokenEndpoint: null,
  iconURL: null,
  tags: null,
  description: null,
  status: 'Active' as ActivityStatus,
  isDefault: false,
};

/**
 * Checks every rule of the settings and returns them normalised (required
 * strings trimmed, omitted optionals at their defaults), or throws one
 * ValidationError naming every broken field.
 */
export function validateSettings(input: SettingsInput): IntegrationAuthenticationSettings {
  const violations = new FieldViolations();
  const required = {} as Record<(typeof REQUIRED_FIELDS)[number], string>;
  for (const field of REQUIRED_FIELDS) {
    const value = input[field];
    const limit = field === 'clientSecret' ? MAX_SECRET_LENGTH : MAX_LENGTH;
    if (typeof value !== 'string' || value.trim() === '') violations.add(field, 'must not be blank');
    else if (hasControlCharacters(value)) violations.add(field, CONTROL_CHARACTER_MESSAGE);
    else if (value.length > limit) violations.add(field, `must be at most ${limit} characters`);
    else if (field === 'code' && utf8Length(value.trim()) > MAX_CODE_BYTES) violations.add(field, `must be at most ${MAX_CODE_BYTES} bytes in UTF-8`);
    else required[field] = value.trim();
  }
  if (required.redirectURI !== undefined) {
    violations.capture('redirectURI', () => assertRedirectUri(required.redirectURI));
  }
  const optional = {} as Record<(typeof NULLABLE_FIELDS)[number], string | null>;
  for (const field of NULLABLE_FIELDS) {
    const value = input[field] ?? null;
    if (value !== null && value.length > MAX_LENGTH) violations.add(field, `must be at most ${MAX_LENGTH} characters`);
    else if (value !== null && hasControlCharacters(value)) violations.add(field, CONTROL_CHARACTER_MESSAGE);
    optional[field] = value;
  }
  for (const field of URL_FIELDS) {
    const value = optional[field];
    if (value !== null && !isHttpUrl(value)) violations.add(field, 'must be an absolute http(s) URL or null');
  }
  for (const field of ENDPOINT_FIELDS) {
    const value = optional[field];
    if (value !== null) violations.capture(field, () => assertEndpointUrl(value));
  }
  const status = input.status ?? SETTINGS_DEFAULTS.status;
  if (!isActivityStatus(status)) violations.add('status', 'must be Active or Inactive');
  violations.throwIfAny();
  return {
    ...required,
    ...optional,
    status: status as ActivityStatus,
    isDefault: input.isDefault ?? SETTINGS_DEFAULTS.isDefault,
  };
}
