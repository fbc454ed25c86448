import { ValidationError } from '../shared/domain-error';

export const USER_ROLES = ['consumer-admin', 'consumer-team-member', 'provider-admin'] as const;
export type UserRoleValue = (typeof USER_ROLES)[number];

export class UserRole {
  private constructor(readonly value: UserRoleValue) {}

  static create(raw: string, field = 'role'): UserRole {
    if (!(USER_ROLES as readonly string[]).includes(raw)) {
      throw ValidationError.single(field, `must be one of ${USER_ROLES.join(', ')}`);
    }
    return new UserRole(raw as UserRoleValue);
  }
}
