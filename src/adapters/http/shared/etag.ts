import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import { ExpectedVersion } from '../../../domain/shared/version-precondition';
import { HttpInputError } from './http-input-error';
import { INT4_MAX } from '../../../domain/shared/limits';

/** Longer than any honest list of our tags; a longer header is refused before it is read. */
export const MAX_IF_MATCH_LENGTH = 1024;
const MAX_VERSION = INT4_MAX;

/** A strong validator: the version changes with every write to the resource. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * A strong validator of a resource that has no version because it never
 * changes once created (API products, catalog entries): a digest of the
 * exact representation, so it could only change if the bytes did.
 */
export function etagOfContent(representation: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(representation)).digest('base64url').slice(0, 27)}"`;
}

/**
 * The entity-tags of an If-Match list (RFC 9110 §8.8.3, §13.1.1), read in
 * one pass: `"a", W/"b"` → ['"a"', 'W/"b"']. Null when the header does not
 * parse. Commas may sit inside a quoted tag, so no split on commas.
 */
export function parseEntityTags(header: string): string[] | null {
  const tags: string[] = [];
  let i = 0;
  const skipSpaces = () => {
    while (i < header.length && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  while (i < header.length) {
    skipSpaces();
    if (header[i] === ',') {
      i++;
      continue; // empty list elements are allowed (RFC 9110 §5.6.1)
    }
    if (i >= header.length) break;
    const start = i;
    if (header.startsWith('W/', i)) i += 2;
    if (header[i] !== '"') return null;
    const close = header.indexOf('"', i + 1);
    if (close < 0) return null;
    i = close + 1;
    tags.push(header.slice(start, i));
    skipSpaces();
    if (i < header.length && header[i] !== ',') return null;
  }
  return tags.length > 0 ? tags : null;
}

/**
 * What an If-Match demands of the stored version: undefined for none (no
 * header, or `*`, which any existing resource matches; our writes never
 * create, so the write itself answers 404 when there is none), else the
 * versions our strong tags name, each written exactly as etagOf writes it.
 * Weak tags and foreign tags (`"04"`, `"4.0"` included) never match
 * (strong comparison); a list with no tag of ours demands the impossible
 * (an empty list → 412 once the resource is found).
 */
export function expectedVersion(ctx: Context): ExpectedVersion | undefined {
  const header = ctx.get('If-Match');
  if (header.length > MAX_IF_MATCH_LENGTH) throw new HttpInputError('PreconditionFailed', `If-Match must be at most ${MAX_IF_MATCH_LENGTH} characters`);
  const trimmed = header.trim();
  if (trimmed === '' || trimmed === '*') return undefined;
  const tags = parseEntityTags(trimmed);
  if (tags === null) throw new HttpInputError('PreconditionFailed', 'If-Match is not a list of entity tags');
  const versions: number[] = [];
  for (const tag of tags) {
    // Strong comparison is of the exact tag (RFC 9110 §8.8.3.2): a tag names a version only when it is the one
    // etagOf writes for it, so "04" or "4.0" is a foreign tag like any other, not version 4.
    const match = /^"(\d{1,10})"$/.exec(tag);
    const version = match === null ? Number.NaN : Number(match[1]);
    if (version <= MAX_VERSION && etagOf(version) === tag) versions.push(version);
  }
  return versions;
}
