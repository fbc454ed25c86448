import { registerDecorator, ValidationArguments } from 'class-validator';
import { ValidationError } from '../../../../domain/shared/domain-error';
import { assertRedirectUri } from '../../../../domain/shared/urls';

/** Applies the domain's redirect URI rule at the edge, so all field errors come back together. */
export function IsRedirectUri(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    let reason = 'must be an absolute URL without a fragment';
    registerDecorator({
      name: 'isRedirectUri',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'string') return false;
          try {
            assertRedirectUri(value.trim());
            return true;
          } catch (error) {
            if (!(error instanceof ValidationError)) throw error;
            reason = error.violations[0]?.message ?? reason;
            return false;
          }
        },
        defaultMessage: (_args?: ValidationArguments) => reason,
      },
    });
  };
}
