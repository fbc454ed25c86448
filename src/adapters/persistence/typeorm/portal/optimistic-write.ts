import { VersionMismatchError } from '../../../../domain/shared/domain-error';
import { versionSatisfies } from '../../../../domain/shared/version-precondition';

/** How often an unconditional write re-reads after losing a race before giving up. */
const MAX_ATTEMPTS = 3;

interface Versioned {
  readonly version: number;
}

export interface OptimisticWrite<T extends Versioned> {
  load(): Promise<T | null>;
  notFound(): Error;
  /** The versions an If-Match allows; undefined for an unconditional write. */
  expectedVersions?: readonly number[];
  change(entity: T): T;
  /**
   * One `UPDATE … WHERE id AND version = loadedVersion RETURNING` statement;
   * null when no row matched (deleted or changed since it was read).
   */
  write(changed: T, loadedVersion: number): Promise<T | null>;
}

/**
 * Read, let the domain change the entity, write guarded by the version read.
 * The guard in the UPDATE (not the read) decides conflicts, so no lock is held
 * while the domain runs. A conditional write that loses answers
 * VersionMismatchError; an unconditional one re-reads and tries again.
 */
export async function writeWithVersion<T extends Versioned>(w: OptimisticWrite<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const current = await w.load();
    if (current === null) throw w.notFound();
    if (!versionSatisfies(current.version, w.expectedVersions)) throw new VersionMismatchError();
    const loadedVersion = current.version;
    const written = await w.write(w.change(current), loadedVersion);
    if (written !== null) return written;
    if (w.expectedVersions !== undefined || attempt >= MAX_ATTEMPTS) {
      if ((await w.load()) === null) throw w.notFound();
      throw new VersionMismatchError();
    }
  }
}
