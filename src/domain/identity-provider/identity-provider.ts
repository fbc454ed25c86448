import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from '../shared/control-characters';
import { ValidationError } from '../shared/domain-error';
import { FieldViolations } from '../shared/field-violations';
import { requiredText } from '../shared/text-field';
import { portProblem } from '../shared/urls';

export interface IdentityProviderSnapshot {
  readonly id: number;
  readonly name: string;
  /** The issuer as its metadata states it (OpenID Connect Discovery §4.3). */
  readonly issuer: string;
  readonly registrationEndpoint: string;
  /** Sent as Bearer on registration when the provider protects it (RFC 7591 §3); a secret. */
  readonly initialAccessToken: string | null;
  readonly createdAt: Date;
}

export type NewIdentityProvider = Omit<IdentityProviderSnapshot, 'id'>;

export interface IdentityProviderInput {
  readonly name: string;
  readonly issuer: string;
  readonly initialAccessToken?: string | null;
}

/** The issuer and registration endpoint are URLs of at most 2,048 characters, no fragment or query on the issuer. */
const MAX_URL_LENGTH = 2048;

/**
 * An OpenID provider where portal credentials of DCR products are registered
 * as clients. Immutable once created: products and credentials point at it.
 */
export class IdentityProvider {
  private constructor(private readonly state: IdentityProviderSnapshot) {}

  /** Checks what can be checked before discovery; the endpoint comes from the provider's metadata. */
  static validate(input: IdentityProviderInput): IdentityProviderInput {
    const v = new FieldViolations();
    const name = v.capture('name', () => requiredText(input.name ?? '', 'name'));
    const issuer = v.capture('issuer', () => issuerOf(input.issuer ?? ''));
    const token = input.initialAccessToken === undefined || input.initialAccessToken === null || input.initialAccessToken.trim() === ''
      ? null
      : v.capture('initialAccessToken', () => requiredText(input.initialAccessToken!, 'initialAccessToken', 8192));
    v.throwIfAny();
    return { name: name!, issuer: issuer!, initialAccessToken: token ?? null };
  }

  static create(input: IdentityProviderInput, registrationEndpoint: string, now: Date): NewIdentityProvider {
    const valid = IdentityProvider.validate(input);
    return { name: valid.name, issuer: valid.issuer, registrationEndpoint, initialAccessToken: valid.initialAccessToken ?? null, createdAt: now };
  }

  static restore(snapshot: IdentityProviderSnapshot): IdentityProvider {
    return new IdentityProvider({ ...snapshot });
  }

  get id(): number { return this.state.id; }
  get name(): string { return this.state.name; }
  get issuer(): string { return this.state.issuer; }
  get registrationEndpoint(): string { return this.state.registrationEndpoint; }
  get initialAccessToken(): string | null { return this.state.initialAccessToken; }
  get createdAt(): Date { return this.state.createdAt; }

  snapshot(): IdentityProviderSnapshot {
    return this.state;
  }
}

function issuerOf(raw: string): string {
  const issuer = raw.trim();
  // The parser percent-encodes a control character in the path and accepts it, but the issuer is stored as written.
  // Tab, LF and CR too, which text fields allow: the parser drops them silently, so "https://idp.example.com/\trealm"
  // would be stored with its tab and discovered as …/realm, an issuer the provider's metadata never states.
  if (hasControlCharacters(issuer) || /[\t\n\r]/.test(issuer)) throw ValidationError.single('issuer', CONTROL_CHARACTER_MESSAGE);
  const url = URL.parse(issuer);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw ValidationError.single('issuer', 'must be an http(s) URL');
  if (url.search || url.hash || url.username || url.password) throw ValidationError.single('issuer', 'must have no query, fragment or user information');
  const port = portProblem(url);
  if (port !== null) throw ValidationError.single('issuer', port);
  if (issuer.length > MAX_URL_LENGTH) throw ValidationError.single('issuer', `must be at most ${MAX_URL_LENGTH} characters`);
  return issuer;
}
