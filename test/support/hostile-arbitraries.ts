import fc from 'fast-check';

/** C0 control characters other than tab, LF and CR: what every text field refuses. */
const CONTROL = Array.from({ length: 0x20 }, (_, c) => String.fromCharCode(c)).filter((c) => !'\t\n\r'.includes(c));

/** A string with at least one refused control character somewhere in it. */
export const controlText = fc
  .tuple(fc.string({ maxLength: 30 }), fc.constantFrom(...CONTROL), fc.string({ maxLength: 30 }))
  .map(([before, control, after]) => before + control + after);

/**
 * Long text outside ASCII: within the limits in characters, past them in
 * UTF-8 bytes (CJK is 3 bytes a character, an emoji 4 in 2 characters).
 * A B-tree index caps its keys at about 2,700 bytes; a long CJK `code` once
 * answered 500 (PostgreSQL 54000).
 */
export const wideText = fc.string({
  unit: fc.oneof(fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)), fc.constantFrom('😀', '𝄞', 'é')),
  minLength: 600,
  maxLength: 2048,
});

/** A string with a UTF-16 surrogate that lacks its other half: not well-formed text. */
export const loneSurrogateText = fc
  .tuple(fc.string({ maxLength: 20 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 20 }))
  .map(([before, unit, after]) => before + String.fromCharCode(unit) + after)
  .filter((s) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s));

function nest(depth: number, kind: 'object' | 'array', leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = kind === 'object' ? { a: value } : [value];
  return value;
}

/** A value nested from 20 to 3,000 levels (the limit is 32; the old 500 came near 2,000). */
export const deepNesting = fc
  .tuple(fc.integer({ min: 20, max: 3000 }), fc.constantFrom<'object' | 'array'>('object', 'array'), fc.jsonValue({ maxDepth: 1 }))
  .map(([depth, kind, leaf]) => nest(depth, kind, leaf));

/** An object of 200 to 5,000 keys (the limit is 256), optionally named like real fields. */
export const manyKeys = fc
  .tuple(fc.integer({ min: 200, max: 5000 }), fc.constantFrom('k', 'name', 'Name'))
  .map(([n, prefix]) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, i])));

/** An array of 900 to 3,000 items (the limit is 1,000). */
export const manyItems = fc.integer({ min: 900, max: 3000 }).map((n) => Array.from({ length: n }, (_, i) => i + 1));

/** Keys that name JavaScript machinery, at the top level or deeper. */
export const prototypeKeys = fc
  .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.jsonValue({ maxDepth: 2 }), fc.boolean())
  .map(([key, value, nested]) => {
    const inner: Record<string, unknown> = {};
    Object.defineProperty(inner, key, { value, enumerable: true, configurable: true, writable: true });
    return nested ? { description: 'x', tags: inner } : inner;
  });

/**
 * Bodies built to hurt rather than merely to be wrong: control characters,
 * long non-ASCII text and lone surrogates in the given text fields, deep nesting, many keys, long arrays, prototype keys.
 */
export function hostileBody(textFields: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.record(Object.fromEntries(textFields.map((f) => [f, controlText])), { requiredKeys: [] }),
    fc.record(Object.fromEntries(textFields.map((f) => [f, fc.oneof(wideText, loneSurrogateText)])), { requiredKeys: [] }),
    fc.tuple(fc.constantFrom(...textFields), wideText).map(([field, value]) => ({ [field]: value })),
    deepNesting,
    fc.tuple(fc.constantFrom(...textFields), deepNesting).map(([field, value]) => ({ [field]: value })),
    manyKeys,
    fc.tuple(fc.constantFrom(...textFields, 'Products'), manyItems).map(([field, value]) => ({ [field]: value })),
    prototypeKeys,
  );
}
