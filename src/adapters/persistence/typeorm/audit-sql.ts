import { ChangeContext } from '../../../domain/audit/change-context';

/** ih_record_change's actor kind, actor id and correlation id, in that order (the statements keep them adjacent). */
export function actorParams(change: ChangeContext): [string, string | null, string | null] {
  return [change.actor.kind, change.actor.id, change.correlationId];
}
