import type { Context } from 'koa';
import { HttpInputError } from './http-input-error';

/** A strong validator: the version changes with every write to the resource. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version an If-Match demands, or undefined when the write is
 * unconditional. A value that names no version of ours cannot match → 412.
 */
export function expectedVersion(ctx: Context): number | undefined {
  const header = ctx.get('If-Match').trim();
  if (header === '' || header === '*') return undefined;
  const match = /^"(\d{1,9})"$/.exec(header);
  if (!match) throw new HttpInputError('PreconditionFailed', 'If-Match does not match the current version');
  return Number(match[1]);
}
