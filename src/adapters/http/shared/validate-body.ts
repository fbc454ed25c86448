import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, ValidationError as ClassValidatorError } from 'class-validator';
import { FieldViolation, ValidationError } from '../../../domain/shared/domain-error';

type Constructor<T> = new () => T;

function firstMessage(error: ClassValidatorError, unknownMessage: string): string {
  if (error.constraints?.whitelistValidation) return unknownMessage;
  const messages = Object.values(error.constraints ?? {});
  return messages[messages.length - 1] ?? 'is invalid';
}

/** Constraints that look inside an array or object: a field with one of them gets its value whole. */
const STRUCTURED = new Set(['isArray', 'arrayMaxSize', 'arrayMinSize', 'arrayNotEmpty', 'isObject', 'nestedValidation']);
const structuredFieldsOf = new WeakMap<Constructor<object>, ReadonlySet<string>>();

function structuredFields(dto: Constructor<object>): ReadonlySet<string> {
  let fields = structuredFieldsOf.get(dto);
  if (fields === undefined) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
    fields = new Set(metadata.filter((m) => STRUCTURED.has(m.name ?? '') || STRUCTURED.has(m.type) || m.each === true).map((m) => m.propertyName));
    structuredFieldsOf.set(dto, fields);
  }
  return fields;
}

/**
 * The input with every array or object that sits where the DTO takes a
 * scalar (or where it takes nothing: an unknown field) replaced by an empty
 * one of the same kind. Every constraint of such a field refuses it by its
 * type alone (IsString, MaxLength, IsIn, whitelist ...), so the answer is the
 * same, while class-transformer no longer copies, field by field, up to
 * 10,000 values only to have them refused.
 */
function withoutDeepValues(dto: Constructor<object>, input: Record<string, unknown>): Record<string, unknown> {
  let lean: Record<string, unknown> | undefined;
  for (const key of Object.keys(input)) {
    const value = input[key];
    if (typeof value !== 'object' || value === null || structuredFields(dto).has(key)) continue;
    const empty = Array.isArray(value) ? [] : {};
    if (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0) continue;
    lean ??= { ...input };
    lean[key] = empty;
  }
  return lean ?? input;
}

function validateFields<T extends object>(dto: Constructor<T>, input: Record<string, unknown>, unknownMessage: string): T {
  const instance = plainToInstance(dto, withoutDeepValues(dto, input), { enableImplicitConversion: false });
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

/** What a body field that no rule names is told, by validateBody and validateNoBody alike. */
const UNKNOWN_FIELD = 'is not a known field';

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
  return validateFields(dto, body as Record<string, unknown>, UNKNOWN_FIELD);
}

/**
 * Validates a query string against a DTO whose fields convert text
 * themselves (@Transform). Unknown parameters are errors too: a misspelt
 * `pagesize` silently falling back to the default would hide the mistake.
 */
export function validateQuery<T extends object>(dto: Constructor<T>, query: Record<string, string | string[] | undefined>): T {
  return validateFields(dto, { ...query }, 'is not a known query parameter');
}

/**
 * The body of a write route that documents none (approve, reject, rotate,
 * retry, DELETE): nothing, or an empty JSON object. Anything else — a field,
 * an array, a string, `null` — is refused before the route does anything, as
 * unknown fields are refused everywhere else: a client that believes it sent
 * an option must not see the write happen without it.
 */
export function validateNoBody(body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ValidationError.single('body', 'must be empty or {}: this route takes no body');
  }
  const fields = Object.keys(body);
  if (fields.length > 0) throw new ValidationError(fields.map((field) => ({ field, message: UNKNOWN_FIELD })));
}
