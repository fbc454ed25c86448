import { ValidationError } from '../shared/domain-error';
import { FieldViolations } from '../shared/field-violations';
import { AuthType, AuthTypeValue } from './auth-type';
import { optionalText, requirePresent, requiredText } from '../shared/text-field';

export interface ApiProductSnapshot {
  readonly id: number;
  readonly name: string;
  readonly authType: AuthTypeValue;
  /** Space-separated OAuth2 scopes granted by this product; may be empty. */
  readonly scopes: string;
  /** oauth2 only: credentials are registered as clients at `identityProviderId` (RFC 7591) instead of generated locally. */
  readonly dcrEnabled: boolean;
  readonly identityProviderId: number | null;
  /** The client metadata DCR asks for (RFC 7591 §2); defaults when DCR is off. */
  readonly grantTypes: readonly string[];
  readonly responseTypes: readonly string[];
  readonly tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  readonly createdAt: Date;
}

export const TOKEN_ENDPOINT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] as const;
export type TokenEndpointAuthMethod = (typeof TOKEN_ENDPOINT_AUTH_METHODS)[number];

const DEFAULT_DCR = { grantTypes: ['authorization_code'], responseTypes: ['code'], tokenEndpointAuthMethod: 'client_secret_basic' } as const;

export type NewApiProduct = Omit<ApiProductSnapshot, 'id'>;

export interface ApiProductInput {
  name: string;
  authType: string;
  scopes?: string;
  dcrEnabled?: boolean;
  identityProviderId?: number | null;
  grantTypes?: readonly string[];
  responseTypes?: readonly string[];
  tokenEndpointAuthMethod?: string;
}

/** An API product that apps request access to. Immutable once created. */
export class ApiProduct {
  private constructor(private readonly state: ApiProductSnapshot) {}

  static create(input: ApiProductInput, now: Date): NewApiProduct {
    const v = new FieldViolations();
    requirePresent(v, input, ['name', 'authType']);
    const name = input.name === undefined ? undefined : v.capture('name', () => requiredText(input.name, 'name'));
    const authType = input.authType === undefined ? undefined : v.capture('authType', () => AuthType.create(input.authType));
    const scopes = v.capture('scopes', () => normaliseScopes(input.scopes ?? ''));
    const dcr = dcrSettings(v, input, authType?.value);
    v.throwIfAny();
    return { name: name!, authType: authType!.value, scopes: scopes!, ...dcr!, createdAt: now };
  }

  static restore(props: ApiProductSnapshot): ApiProduct {
    return new ApiProduct({ ...props });
  }

  get id(): number { return this.state.id; }
  get name(): string { return this.state.name; }
  get authType(): AuthTypeValue { return this.state.authType; }
  get scopes(): string { return this.state.scopes; }
  get dcrEnabled(): boolean { return this.state.dcrEnabled; }
  get identityProviderId(): number | null { return this.state.identityProviderId; }
  get grantTypes(): readonly string[] { return this.state.grantTypes; }
  get responseTypes(): readonly string[] { return this.state.responseTypes; }
  get tokenEndpointAuthMethod(): TokenEndpointAuthMethod { return this.state.tokenEndpointAuthMethod; }
  get createdAt(): Date { return this.state.createdAt; }

  snapshot(): ApiProductSnapshot {
    return this.state;
  }
}

type DcrFields = Pick<ApiProductSnapshot, 'dcrEnabled' | 'identityProviderId' | 'grantTypes' | 'responseTypes' | 'tokenEndpointAuthMethod'>;

/** RFC 7591 values are short ASCII names ("authorization_code", "code id_token"): no control characters, bounded. */
const METADATA_VALUE = /^[\x21-\x7e]+( [\x21-\x7e]+)*$/;

function metadataList(raw: readonly string[] | undefined, field: string, fallback: readonly string[]): readonly string[] {
  if (raw === undefined) return fallback;
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 10) throw ValidationError.single(field, 'must list 1 to 10 values');
  for (const value of raw) {
    if (typeof value !== 'string' || value.length > 64 || !METADATA_VALUE.test(value)) {
      throw ValidationError.single(field, 'must hold names of at most 64 printable ASCII characters');
    }
  }
  if (new Set(raw).size !== raw.length) throw ValidationError.single(field, 'must not list a value twice');
  return [...raw];
}

/** DCR needs oauth2 and an identity provider; its metadata settings are checked with or without it. */
function dcrSettings(v: FieldViolations, input: ApiProductInput, authType: string | undefined): DcrFields | undefined {
  const dcrEnabled = input.dcrEnabled ?? false;
  const identityProviderId = input.identityProviderId ?? null;
  if (identityProviderId !== null && (!Number.isSafeInteger(identityProviderId) || identityProviderId < 1)) {
    v.add('identityProviderId', 'must be a positive integer');
  }
  if (dcrEnabled && identityProviderId === null) v.add('identityProviderId', 'is required when DCREnabled is true');
  if (dcrEnabled && authType !== undefined && authType !== 'oauth2') v.add('dcrEnabled', 'needs AuthType oauth2');
  const grantTypes = v.capture('grantTypes', () => metadataList(input.grantTypes, 'grantTypes', DEFAULT_DCR.grantTypes));
  const responseTypes = v.capture('responseTypes', () => metadataList(input.responseTypes, 'responseTypes', DEFAULT_DCR.responseTypes));
  const method = input.tokenEndpointAuthMethod ?? DEFAULT_DCR.tokenEndpointAuthMethod;
  if (!(TOKEN_ENDPOINT_AUTH_METHODS as readonly string[]).includes(method)) {
    v.add('tokenEndpointAuthMethod', `must be one of ${TOKEN_ENDPOINT_AUTH_METHODS.join(', ')}`);
  }
  if (grantTypes === undefined || responseTypes === undefined) return undefined;
  return { dcrEnabled, identityProviderId, grantTypes, responseTypes, tokenEndpointAuthMethod: method as TokenEndpointAuthMethod };
}

/** What a DCR credential is registered with: the settings of its request's products, which must agree. */
export interface DcrClientSettings {
  readonly identityProviderId: number;
  readonly grantTypes: readonly string[];
  readonly responseTypes: readonly string[];
  readonly tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  /** The products' scopes joined; null when none. */
  readonly scope: string | null;
}

/**
 * The DCR settings one credential for these products is registered with, or
 * null when none of them uses DCR. One credential serves every product of a
 * request, so they must all use DCR or none, at one provider with the same
 * settings; their scopes are joined.
 */
export function dcrSettingsOf(products: readonly ApiProduct[]): DcrClientSettings | null {
  const dcr = products.filter((p) => p.dcrEnabled);
  if (dcr.length === 0) return null;
  const first = dcr[0]!;
  const key = (p: ApiProduct) => JSON.stringify([p.identityProviderId, p.grantTypes, p.responseTypes, p.tokenEndpointAuthMethod]);
  if (dcr.length !== products.length || dcr.some((p) => key(p) !== key(first))) {
    throw ValidationError.single('productIds', 'the products must all use dynamic client registration or none, with the same identity provider and client settings');
  }
  const scope = combinedScopes(products);
  return {
    identityProviderId: first.identityProviderId!,
    grantTypes: first.grantTypes,
    responseTypes: first.responseTypes,
    tokenEndpointAuthMethod: first.tokenEndpointAuthMethod,
    scope: scope === '' ? null : scope,
  };
}

function normaliseScopes(raw: string): string {
  return optionalText(raw, 'scopes').split(/\s+/).filter(Boolean).join(' ');
}

/** What a credential's `scope` holds (its column is varchar(2048)). */
export const MAX_COMBINED_SCOPES = 2048;

/**
 * The union of the products' scopes, each once, in first-seen order. Each
 * product's scopes fit, but several together may not: that is refused as a
 * rule of the request's products, not left to the database (which answered
 * 500).
 */
export function combinedScopes(products: readonly ApiProduct[]): string {
  const all = products.flatMap((p) => p.scopes.split(' ').filter(Boolean));
  const combined = [...new Set(all)].join(' ');
  if (combined.length > MAX_COMBINED_SCOPES) {
    throw ValidationError.single('productIds', `the products' Scopes together must be at most ${MAX_COMBINED_SCOPES} characters`);
  }
  return combined;
}
