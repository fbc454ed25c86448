/**
 * Every rule the domain enforces fails with a DomainError carrying a stable
 * `code`. Adapters map codes to their wire format in one place each; nothing
 * outside the domain inspects messages.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** One broken rule on one field; `ValidationError` collects them. */
export interface FieldViolation {
  readonly field: string;
  readonly message: string;
}

/** The input breaks one or more field rules. Carries one violation per field. */
export class ValidationError extends DomainError {
  readonly code = 'ValidationFailed';

  constructor(readonly violations: readonly FieldViolation[]) {
    super(violations.map((v) => `${v.field}: ${v.message}`).join('; ') || 'Validation failed');
  }

  static single(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

/** A write carried a version precondition that no longer holds. */
export class VersionMismatchError extends DomainError {
  readonly code = 'VersionMismatch';

  constructor() {
    super('The resource was changed since it was read');
  }
}
