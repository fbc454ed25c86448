import { ValidationError } from '../shared/domain-error';

export const AUTH_TYPES = ['authToken', 'oauth2', 'basicAuth'] as const;
export type AuthTypeValue = (typeof AUTH_TYPES)[number];

/** How an API product authenticates callers; decides what a credential holds. */
export class AuthType {
  private constructor(readonly value: AuthTypeValue) {}

  static create(raw: string, field = 'authType'): AuthType {
    if (!(AUTH_TYPES as readonly string[]).includes(raw)) {
      throw ValidationError.single(field, `must be one of ${AUTH_TYPES.join(', ')}`);
    }
    return new AuthType(raw as AuthTypeValue);
  }
}
