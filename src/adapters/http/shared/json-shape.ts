import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from '../../../domain/shared/control-characters';
import { FieldViolation } from '../../../domain/shared/domain-error';

/** How big a JSON body's structure may be, whatever its size in bytes. */
export interface JsonShapeLimits {
  readonly maxDepth: number;
  readonly maxKeys: number;
  readonly maxItems: number;
}

export const JSON_SHAPE_LIMITS: JsonShapeLimits = { maxDepth: 32, maxKeys: 256, maxItems: 1000 };

const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;

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

  constructor(private readonly limits: JsonShapeLimits = JSON_SHAPE_LIMITS) {}

  /** The broken limit as a message, or null while the body is within them. */
  feed(chunk: Uint8Array): string | null {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) this.inString = false;
        continue;
      }
      if (isWhitespace(byte)) continue;
      const level = this.kinds.length - 1;
      if (level >= 0 && this.kinds[level] === OPEN_ARRAY && byte !== CLOSE_ARRAY && byte !== COMMA && !this.valueOpen[level]) {
        this.valueOpen[level] = true;
        if (++this.counts[level] > this.limits.maxItems) return `must not have more than ${this.limits.maxItems} items in one array`;
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
      } else if (level >= 0 && byte === COMMA && this.kinds[level] === OPEN_ARRAY) {
        this.valueOpen[level] = false;
      }
    }
    return null;
  }
}

/** Keys that name JavaScript machinery, never a field of ours: refused as unknown wherever they appear. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Enough to name every field of any body we accept; past it the answer would only grow. */
const MAX_VIOLATIONS = 100;

/**
 * The text rules every JSON body obeys before any DTO sees it: no C0
 * control character (but tab, LF, CR) in any string, and none of
 * `__proto__`, `constructor`, `prototype` as a key. Violations name the
 * field by its path (`name`, `Products[2]`, `a.b`). Iterative, and bounded
 * by the shape limits the body already passed.
 */
export function textViolations(body: unknown): FieldViolation[] {
  const violations: FieldViolation[] = [];
  // Depth first in document order: children are pushed last-first. A forbidden key is pushed as its own entry, to be reported in its place.
  const pending: { value: unknown; path: string; forbidden?: true }[] = [{ value: body, path: '' }];
  while (pending.length > 0 && violations.length < MAX_VIOLATIONS) {
    const { value, path, forbidden } = pending.pop()!;
    if (forbidden) {
      violations.push({ field: path, message: 'is not a known field' });
    } else if (typeof value === 'string') {
      if (hasControlCharacters(value)) violations.push({ field: path || 'body', message: CONTROL_CHARACTER_MESSAGE });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push({ value: value[i], path: `${path}[${i}]` });
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        const keyPath = path === '' ? key : `${path}.${key}`;
        if (FORBIDDEN_KEYS.has(key)) pending.push({ value: undefined, path: keyPath, forbidden: true });
        else pending.push({ value: (value as Record<string, unknown>)[key], path: keyPath });
      }
    }
  }
  return violations;
}
