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

/** Twice the longest real id (int4: ten digits): enough to recognise what was sent, never the whole of a long path. */
const MAX_ECHOED = 20;

/** The id as the message repeats it: cut between characters (code points), never inside a surrogate pair. */
function echoed(raw: string): string {
  const characters = Array.from(raw.slice(0, 2 * MAX_ECHOED + 1));
  return characters.length > MAX_ECHOED ? `${characters.slice(0, MAX_ECHOED).join('')}…` : raw;
}

/** A path id as a number; anything that is no positive int4 names nothing. */
export function pathId(raw: string | undefined, what: string): number {
  const id = Number(raw);
  if (raw === undefined || !ID_SHAPE.test(raw) || id > INT4_MAX) throw new PortalHttpError('UnknownId', `${what} ${echoed(raw ?? '')} not found`);
  return id;
}
