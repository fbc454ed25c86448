import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters, hasLoneSurrogates, LONE_SURROGATE_MESSAGE } from '../../../domain/shared/control-characters';
import { FieldViolation } from '../../../domain/shared/domain-error';

/** How big a JSON body's structure may be, whatever its size in bytes. */
export interface JsonShapeLimits {
  readonly maxDepth: number;
  readonly maxKeys: number;
  readonly maxItems: number;
  /**
   * Members and items in the whole body: within the other limits a 1 MiB body
   * can still hold 250,000 values, each of which JSON.parse, the text rules
   * and object mapping would visit. No body we accept has 100.
   */
  readonly maxValues: number;
}

export const JSON_SHAPE_LIMITS: JsonShapeLimits = { maxDepth: 32, maxKeys: 256, maxItems: 1000, maxValues: 10_000 };

const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
/** Ordinary bytes inside a string visited one by one before the scanner jumps to the next quote or backslash. */
const ORDINARY_RUN = 256;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Measures the structure of a JSON text as its bytes arrive, without
 * building anything: nesting depth, members per object (one `:` each) and
 * items per array. It stops a body at the first limit it breaks, so a
 * 650 KB object of 60,000 keys is refused after its 257th key, before the
 * rest is even read. It does not check syntax (JSON.parse does, afterwards,
 * on a body known to be small in structure); on broken JSON its counts may
 * be wrong, which only changes which 400 the body gets. UTF-8 needs no
 * decoding here: no byte of a multi-byte character is below 0x80.
 */
export class JsonShapeScanner {
  private readonly kinds: number[] = []; // OPEN_OBJECT or OPEN_ARRAY per open level
  private readonly counts: number[] = [];
  private readonly valueOpen: boolean[] = []; // arrays: an item has started since the last comma
  private inString = false;
  private escaped = false;
  private values = 0;
  private sawEscape = false;

  constructor(private readonly limits: JsonShapeLimits = JSON_SHAPE_LIMITS) {}

  /**
   * Whether any string so far held a backslash escape. Without one, no
   * string of the parsed body can hold a control character (JSON forbids
   * them raw) or a lone surrogate (invalid UTF-8 decodes to U+FFFD).
   */
  get hasEscapes(): boolean {
    return this.sawEscape;
  }

  /** The broken limit as a message, or null while the body is within them. */
  feed(chunk: Uint8Array): string | null {
    // Inside a string only a quote or a backslash matters. Past a run of
    // ORDINARY_RUN ordinary bytes the scan jumps to the next one with
    // Buffer#indexOf (memchr) instead of visiting each byte: a byte at a time,
    // 300 senders' 16 KiB chunks of one long string held the event loop
    // ~12 ms, and every other tenant's request waited behind it. Short runs
    // stay byte by byte (a native call costs about as much as 100 bytes of this
    // loop), and the positions found are kept until passed, so a chunk of
    // many strings or escapes is never searched more than once per run.
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let run = 0;
    let nextQuote = -2;
    let nextBackslash = -2;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) {
          this.escaped = this.sawEscape = true;
          run = 0;
        } else if (byte === QUOTE) {
          this.inString = false;
          run = 0;
        } else if (++run >= ORDINARY_RUN) {
          run = 0;
          if (nextQuote !== -1 && nextQuote < i) nextQuote = bytes.indexOf(QUOTE, i);
          if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = bytes.indexOf(BACKSLASH, i);
          const stop = nextQuote === -1 ? nextBackslash : nextBackslash === -1 ? nextQuote : Math.min(nextQuote, nextBackslash);
          // The loop's i++ lands on that byte, which the lines above then handle.
          i = (stop === -1 ? bytes.length : stop) - 1;
        }
        continue;
      }
      if (isWhitespace(byte)) continue;
      const level = this.kinds.length - 1;
      if (level >= 0 && this.kinds[level] === OPEN_ARRAY && byte !== CLOSE_ARRAY && byte !== COMMA && !this.valueOpen[level]) {
        this.valueOpen[level] = true;
        if (++this.counts[level] > this.limits.maxItems) return `must not have more than ${this.limits.maxItems} items in one array`;
        if (++this.values > this.limits.maxValues) return this.tooManyValues();
      }
      if (byte === QUOTE) {
        this.inString = true;
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        if (this.kinds.length >= this.limits.maxDepth) return `must not nest deeper than ${this.limits.maxDepth} levels`;
        this.kinds.push(byte);
        this.counts.push(0);
        this.valueOpen.push(false);
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        this.kinds.pop();
        this.counts.pop();
        this.valueOpen.pop();
      } else if (level >= 0 && byte === COLON && this.kinds[level] === OPEN_OBJECT) {
        if (++this.counts[level] > this.limits.maxKeys) return `must not have more than ${this.limits.maxKeys} keys in one object`;
        if (++this.values > this.limits.maxValues) return this.tooManyValues();
      } else if (level >= 0 && byte === COMMA && this.kinds[level] === OPEN_ARRAY) {
        this.valueOpen[level] = false;
      }
    }
    return null;
  }

  private tooManyValues(): string {
    return `must not have more than ${this.limits.maxValues} members and items in all`;
  }
}

/** Keys that name JavaScript machinery, never a field of ours: refused as unknown wherever they appear. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Enough to name every field of any body we accept; past it the answer would only grow. */
const MAX_VIOLATIONS = 100;

/** One value still to visit; its path is built only if it breaks a rule (most bodies break none). */
interface Pending {
  readonly value: unknown;
  readonly parent: Pending | null;
  /** Key in the parent object, or index in the parent array. */
  readonly key: string | number;
  readonly forbidden?: true;
}

function pathOf(entry: Pending): string {
  const parts: (string | number)[] = [];
  for (let e: Pending | null = entry; e !== null && e.parent !== null; e = e.parent) parts.push(e.key);
  let path = '';
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i];
    path = typeof part === 'number' ? `${path}[${part}]` : path === '' ? part : `${path}.${part}`;
  }
  return path;
}

/**
 * The text rules every JSON body obeys before any DTO sees it: no C0
 * control character (but tab, LF, CR) and no lone surrogate in any string,
 * and none of `__proto__`, `constructor`, `prototype` as a key. Violations
 * name the field by its path (`name`, `Products[2]`, `a.b`). Iterative, and
 * bounded by the shape limits the body already passed; a path string is
 * built only for a violation.
 */
export function textViolations(body: unknown): FieldViolation[] {
  const violations: FieldViolation[] = [];
  // Depth first in document order: children are pushed last-first. A forbidden key is pushed as its own entry, to be reported in its place.
  const pending: Pending[] = [{ value: body, parent: null, key: '' }];
  while (pending.length > 0 && violations.length < MAX_VIOLATIONS) {
    const entry = pending.pop()!;
    const value = entry.value;
    if (entry.forbidden) {
      violations.push({ field: pathOf(entry), message: 'is not a known field' });
    } else if (typeof value === 'string') {
      const problem = hasControlCharacters(value) ? CONTROL_CHARACTER_MESSAGE : hasLoneSurrogates(value) ? LONE_SURROGATE_MESSAGE : null;
      if (problem !== null) violations.push({ field: pathOf(entry) || 'body', message: problem });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item = value[i];
        if (typeof item === 'object' && item !== null) pending.push({ value: item, parent: entry, key: i });
        else if (typeof item === 'string') pending.push({ value: item, parent: entry, key: i });
      }
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        if (FORBIDDEN_KEYS.has(key)) pending.push({ value: undefined, parent: entry, key, forbidden: true });
        else pending.push({ value: (value as Record<string, unknown>)[key], parent: entry, key });
      }
    }
  }
  return violations;
}

/** The keys textViolations refuses, as they appear in a body that has no escapes. */
const FORBIDDEN_KEY_TEXT = [...FORBIDDEN_KEYS].map((key) => Buffer.from(`"${key}"`));

/**
 * Whether textViolations could find anything in this raw body: only when it
 * holds an escape (scanner.hasEscapes) or one of the forbidden keys as text.
 * Saves the walk over a large body that passes (three byte searches instead).
 */
export function mayBreakTextRules(raw: Buffer, hasEscapes: boolean): boolean {
  return hasEscapes || FORBIDDEN_KEY_TEXT.some((key) => raw.includes(key));
}
