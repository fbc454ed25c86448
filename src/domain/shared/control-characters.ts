/**
 * C0 control characters other than tab, LF and CR. PostgreSQL refuses U+0000
 * in text (SQLSTATE 22021) and none of them belongs in a name, a URL or a
 * secret, so every text field and query parameter refuses them.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

export const CONTROL_CHARACTER_MESSAGE = 'must not contain control characters';

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/** A UTF-16 surrogate without its other half: not text, and what PostgreSQL stores for it is not what was sent. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const LONE_SURROGATE_MESSAGE = 'must be well-formed Unicode (no lone surrogate)';

export function hasLoneSurrogates(value: string): boolean {
  return LONE_SURROGATE.test(value);
}
