import { INT4_MAX } from '../../../domain/shared/limits';

/**
 * Problems the portal's HTTP layer finds itself: a missing or wrong admin
 * token, or a path id that cannot name any row (not a positive int4).
 */
export class PortalHttpError extends Error {
  constructor(
    readonly code: 'Unauthorized' | 'UnknownId',
    message: string,
  ) {
    super(message);
  }
}

const ID_SHAPE = /^[1-9][0-9]{0,9}$/;

/** A path id as a number; anything that is no positive int4 names nothing. */
export function pathId(raw: string | undefined, what: string): number {
  const id = Number(raw);
  if (raw === undefined || !ID_SHAPE.test(raw) || id > INT4_MAX) throw new PortalHttpError('UnknownId', `${what} ${raw} not found`);
  return id;
}
