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
