import { ValidationError } from '../shared/domain-error';
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from '../shared/control-characters';

const MAX_LENGTH = 254;
// Deliberately loose: one @, no spaces, a dot in the domain. Deliverability
// is the mail server's business, not ours.
const SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * An email address, trimmed and lower-cased so that uniqueness does not depend
 * on how a client happened to spell it.
 */
export class PortalEmail {
  private constructor(readonly value: string) {}

  static create(raw: string, field = 'email'): PortalEmail {
    const value = raw.trim().toLowerCase();
    if (value.length === 0) throw ValidationError.single(field, 'must not be blank');
    if (value.length > MAX_LENGTH) throw ValidationError.single(field, `must be at most ${MAX_LENGTH} characters`);
    if (hasControlCharacters(value)) throw ValidationError.single(field, CONTROL_CHARACTER_MESSAGE);
    if (!SHAPE.test(value)) throw ValidationError.single(field, 'must be an email address');
    return new PortalEmail(value);
  }
}
