import type { Middleware } from 'koa';
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from '../../../domain/shared/control-characters';
import { FieldViolation, ValidationError } from '../../../domain/shared/domain-error';

/**
 * No query parameter (name or value) may carry a C0 control character: a
 * `?keywords=%00` would otherwise reach PostgreSQL, which refuses U+0000 in
 * text with an error. Named per parameter, in the surface's own shape.
 */
export const queryText: Middleware = (ctx, next) => {
  if (ctx.querystring === '') return next(); // most writes: no query object to build
  const violations: FieldViolation[] = [];
  for (const [name, value] of Object.entries(ctx.query)) {
    const values = Array.isArray(value) ? value : [value ?? ''];
    if (hasControlCharacters(name) || values.some(hasControlCharacters)) violations.push({ field: name, message: CONTROL_CHARACTER_MESSAGE });
  }
  if (violations.length > 0) throw new ValidationError(violations);
  return next();
};
