import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError as ClassValidatorError } from 'class-validator';
import { FieldViolation, ValidationError } from '../../../domain/shared/domain-error';

type Constructor<T> = new () => T;

function firstMessage(error: ClassValidatorError, unknownMessage: string): string {
  if (error.constraints?.whitelistValidation) return unknownMessage;
  const messages = Object.values(error.constraints ?? {});
  return messages[messages.length - 1] ?? 'is invalid';
}

function validateFields<T extends object>(dto: Constructor<T>, input: Record<string, unknown>, unknownMessage: string): T {
  const instance = plainToInstance(dto, input, { enableImplicitConversion: false });
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) {
    const violations: FieldViolation[] = errors.map((e) => {
      const known = !e.constraints?.whitelistValidation;
      const given = input[e.property];
      const message =
        known && given === undefined ? 'is required' : known && given === null ? 'must not be null' : firstMessage(e, unknownMessage);
      return { field: e.property, message };
    });
    throw new ValidationError(violations);
  }
  return instance;
}

/**
 * Validates a parsed JSON body against a class-validator DTO. Unknown fields
 * are errors, and every invalid field is reported once, under its own name.
 */
export function validateBody<T extends object>(dto: Constructor<T>, body: unknown, surelyValid?: (body: Record<string, unknown>) => boolean): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ValidationError.single('body', 'must be a JSON object');
  }
  // A hot route may pass a hand-written check that accepts only what the DTO accepts: such a body skips the reflective pass.
  if (surelyValid?.(body as Record<string, unknown>) === true) return body as T;
  return validateFields(dto, body as Record<string, unknown>, 'is not a known field');
}

/**
 * Validates a query string against a DTO whose fields convert text
 * themselves (@Transform). Unknown parameters are errors too: a misspelt
 * `pagesize` silently falling back to the default would hide the mistake.
 */
export function validateQuery<T extends object>(dto: Constructor<T>, query: Record<string, string | string[] | undefined>): T {
  return validateFields(dto, { ...query }, 'is not a known query parameter');
}
