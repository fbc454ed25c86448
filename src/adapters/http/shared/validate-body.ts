import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError as ClassValidatorError } from 'class-validator';
import { FieldViolation, ValidationError } from '../../../domain/shared/domain-error';

type Constructor<T> = new () => T;

function firstMessage(error: ClassValidatorError): string {
  if (error.constraints?.whitelistValidation) return 'is not a known field';
  const messages = Object.values(error.constraints ?? {});
  return messages[messages.length - 1] ?? 'is invalid';
}

/**
 * Validates a parsed JSON body against a class-validator DTO. Unknown fields
 * are errors, and every invalid field is reported once, under its own name.
 */
export function validateBody<T extends object>(dto: Constructor<T>, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ValidationError.single('body', 'must be a JSON object');
  }
  const instance = plainToInstance(dto, body, { enableImplicitConversion: false });
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) {
    const given = body as Record<string, unknown>;
    const violations: FieldViolation[] = errors.map((e) => ({
      field: e.property,
      message: given[e.property] === undefined && !e.constraints?.whitelistValidation ? 'is required' : firstMessage(e),
    }));
    throw new ValidationError(violations);
  }
  return instance;
}
