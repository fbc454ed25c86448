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
  readonly createdAt: Date;
}

export type NewApiProduct = Omit<ApiProductSnapshot, 'id'>;

export interface ApiProductInput {
  name: string;
  authType: string;
  scopes?: string;
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
    v.throwIfAny();
    return { name: name!, authType: authType!.value, scopes: scopes!, createdAt: now };
  }

  static restore(props: ApiProductSnapshot): ApiProduct {
    return new ApiProduct({ ...props });
  }

  get id(): number { return this.state.id; }
  get name(): string { return this.state.name; }
  get authType(): AuthTypeValue { return this.state.authType; }
  get scopes(): string { return this.state.scopes; }
  get createdAt(): Date { return this.state.createdAt; }

  snapshot(): ApiProductSnapshot {
    return this.state;
  }
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
