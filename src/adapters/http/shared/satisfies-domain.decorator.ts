import { registerDecorator } from 'class-validator';
import { ValidationError } from '../../../domain/shared/domain-error';

/**
 * Runs a domain factory (a value object's `create`) as a field rule at the
 * edge, so a body breaking both a wire rule and a domain rule gets every
 * problem in one answer, with the domain's own message. The domain still
 * guards the rule itself.
 */
export function SatisfiesDomain(name: string, check: (value: string) => unknown): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    const reasons = new WeakMap<object, string>();
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate(value: unknown, args): boolean {
          if (typeof value !== 'string') return true; // the type rule reports it
          try {
            check(value);
            return true;
          } catch (error) {
            if (!(error instanceof ValidationError)) throw error;
            reasons.set(args?.object ?? {}, error.violations[0]?.message ?? 'is invalid');
            return false;
          }
        },
        defaultMessage: (args) => (args && reasons.get(args.object)) ?? 'is invalid',
      },
    });
  };
}
