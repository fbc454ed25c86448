import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from './control-characters';
import { ValidationError } from './domain-error';
import { FieldViolations } from './field-violations';
import { MAX_TEXT_LENGTH } from './limits';

/** A required free-text field: trimmed, non-blank, bounded. */
export function requiredText(raw: string, field: string, maxLength = 255): string {
  const value = raw.trim();
  if (value === '') throw ValidationError.single(field, 'must not be blank');
  if (hasControlCharacters(value)) throw ValidationError.single(field, CONTROL_CHARACTER_MESSAGE);
  if (value.length > maxLength) throw ValidationError.single(field, `must be at most ${maxLength} characters`);
  return value;
}

/** An optional free-text field: trimmed, may be empty, bounded. */
export function optionalText(raw: string, field: string, maxLength = MAX_TEXT_LENGTH): string {
  const value = raw.trim();
  if (hasControlCharacters(value)) throw ValidationError.single(field, CONTROL_CHARACTER_MESSAGE);
  if (value.length > maxLength) throw ValidationError.single(field, `must be at most ${maxLength} characters`);
  return value;
}

export function positiveId(raw: number, field: string): number {
  if (!Number.isSafeInteger(raw) || raw < 1) throw ValidationError.single(field, 'must be a positive integer');
  return raw;
}

/** Records "is required" for each named field the input leaves undefined. */
export function requirePresent<T extends object>(violations: FieldViolations, input: T, names: readonly (keyof T & string)[]): void {
  for (const name of names) if (input[name] === undefined || input[name] === null) violations.add(name, 'is required');
}

/** Drops undefined entries so a spread applies only the fields that were given. */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined)) as Partial<T>;
}
