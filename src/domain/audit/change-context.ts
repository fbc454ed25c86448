/** Who made a change: a brand's key (JFramework), a portal admin, the command line, or a job of the service (dcr-sync). */
export type ActorKind = 'brand-key' | 'portal-admin' | 'cli' | 'job';

export interface Actor {
  readonly kind: ActorKind;
  /** The key id, the admin id, or the job's task name; null for the command line. */
  readonly id: string | null;
}

/**
 * What every write command carries besides its data, so the write can
 * record its audit entry in its own statement: who asked, and the request's
 * correlation id (null when there is none, as on the command line).
 */
export interface ChangeContext {
  readonly actor: Actor;
  readonly correlationId: string | null;
}

export const Actors = {
  brandKey: (keyId: string): Actor => ({ kind: 'brand-key', id: keyId }),
  portalAdmin: (adminId: string | number): Actor => ({ kind: 'portal-admin', id: String(adminId) }),
  cli: (): Actor => ({ kind: 'cli', id: null }),
} as const;

/** The context of a command-line write: no request, so no correlation id. */
export function cliChange(): ChangeContext {
  return { actor: Actors.cli(), correlationId: null };
}
