import { ValidationError } from '../shared/domain-error';
import { FieldViolations } from '../shared/field-violations';
import { AuthType, AuthTypeValue } from './auth-type';
import { optionalText, requirePresent, requiredText } from './text-field';

export interface ApiProductProps {
  readonly id: number;
  readonly name: string;
  readonly authType: AuthTypeValue;
  /** Space-separated OAuth2 scopes granted by this product; may be empty. */
  readonly scopes: string;
  readonly createdAt: Date;
}

export type NewApiProduct = Omit<ApiProductProps, 'id'>;

export interface ApiProductInput {
  name: string;
  authType: string;
  scopes?: string;
}

/** An API product that apps request access to. Immutable once created. */
export class ApiProduct {
  private constructor(private readonly props: ApiProductProps) {}

  static create(input: ApiProductInput, now: Date): NewApiProduct {
    const v = new FieldViolations();
    requirePresent(v, input, ['name', 'authType']);
    const name = input.name === undefined ? undefined : v.capture('name', () => requiredText(input.name, 'name'));
    const authType = input.authType === undefined ? undefined : v.capture('authType', () => AuthType.create(input.authType));
    const scopes = v.capture('scopes', () => normaliseScopes(input.scopes ?? ''));
    v.throwIfAny();
    return { name: name!, authType: authType!.value, scopes: scopes!, createdAt: now };
  }

  static restore(props: ApiProductProps): ApiProduct {
    return new ApiProduct({ ...props });
  }

  get id(): number { return this.props.id; }
  get name(): string { return this.props.name; }
  get authType(): AuthTypeValue { return this.props.authType; }
  get scopes(): string { return this.props.scopes; }
  get createdAt(): Date { return this.props.createdAt; }

  toProps(): ApiProductProps {
    return { ...this.props };
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
