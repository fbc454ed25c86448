/**
 * Control characters a terminal may act on instead of showing: C0 (ESC
 * starts an escape sequence; CR and LF would let a value fake a line of its
 * own), DEL, C1 (U+009B is CSI to terminals that take 8-bit controls) and the
 * bidi embeddings, overrides and isolates, which reorder what the operator
 * reads. The command line echoes arguments and stored data, so everything it
 * prints for a person goes through here.
 */
const TERMINAL_CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** JSON.stringify already escapes C0; these are the rest, valid in a JSON string raw. */
const JSON_RAW_CONTROL = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escaped(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Each line with its control characters shown as \uXXXX, ended by LF. */
export function linesForTerminal(lines: readonly string[]): string {
  return lines.map((line) => `${line.replace(TERMINAL_CONTROL, escaped)}\n`).join('');
}

/**
 * One line of JSON. Outside strings those characters are not valid JSON, so
 * they can only stand inside one, where \uXXXX is the same character to any
 * parser: the value is unchanged, only its spelling is safe to show.
 */
export function jsonForTerminal(value: unknown): string {
  return `${JSON.stringify(value).replace(JSON_RAW_CONTROL, escaped)}\n`;
}
