import { token } from './token';
import { ClientMetadata, RegisteredClient, RegistrationHandle, RegistrationTarget } from './client-registration';

/**
 * A DCR credential claimed by one job (docs/dcr.md "Wiring"): what the
 * provider should know (desired), what it was last told (stored), and the
 * lease that makes this job the only caller for the credential until it
 * writes back or the lease runs out.
 */
export interface DcrClaim {
  readonly credentialId: number;
  readonly identityProviderId: number;
  /** This claim's id; sent as `software_version` on registration, cleared by the write-back. */
  readonly attemptId: string;
  /** A claim that never wrote back: its call may have reached the provider. */
  readonly unfinishedAttemptId: string | null;
  readonly target: RegistrationTarget;
  readonly metadata: ClientMetadata;
  /** The client id at the provider; null until a registration succeeded. */
  readonly clientId: string | null;
  /** What RFC 7592 calls need; null until registered, or when the provider offers no management. */
  readonly registration: RegistrationHandle | null;
  /** Moves with every change of the desired state (redirect URIs, rotation asked). */
  readonly desiredVersion: number;
  readonly syncedVersion: number | null;
  readonly rotateRequested: boolean;
  /** Failed attempts since the last success, and when the first of them was. */
  readonly failures: number;
  readonly failingSince: Date | null;
}

/** A client to remove at its provider: its credential was deleted (access request or app deleted). */
export interface DcrDeletion {
  readonly credentialId: number;
  readonly handle: RegistrationHandle;
  readonly failures: number;
  readonly createdAt: Date;
}

/** `superseded`: another claim took the credential over (this one outlived its lease); its write-back decides. */
export type DcrWriteBack = 'synced' | 'requeued' | 'deleted' | 'superseded';

export type DcrClaimResult =
  | { readonly kind: 'claimed'; readonly claim: DcrClaim }
  /** Another job holds the lease; the store has queued this one again. */
  | { readonly kind: 'busy' }
  /** The credential is gone; what the provider must still forget, if anything. */
  | { readonly kind: 'deleted'; readonly deletion: DcrDeletion | null }
  /** Not a DCR credential (or nothing left to do). */
  | { readonly kind: 'nothing' };

/**
 * What the outcome of a provider call changes, in one transaction each,
 * guarded by the claim's attempt id (another claim's write-back is never
 * overwritten). Each write-back that changes what the credential shows
 * records an audit entry in its transaction (actor: the dcr-sync job).
 */
export interface DcrSyncStore {
  claim(credentialId: number, now: Date): Promise<DcrClaimResult>;
  /**
   * Keeps what the provider answered (`client`; null when no call was
   * needed), clears the lease and error. `synced` when the desired state is
   * still the one claimed; else `pending` and queued again. When the
   * credential was deleted meanwhile, the new client becomes a deletion.
   * `note` is shown as the sync error although the call succeeded (a
   * rotation the provider did not make).
   */
  recordSuccess(claim: DcrClaim, client: RegisteredClient | null, now: Date, note?: string): Promise<DcrWriteBack>;
  /** Still `pending` with `error` shown; the job runs again at `retryAt`. */
  recordRetry(claim: DcrClaim, error: string, retryAt: Date, now: Date): Promise<void>;
  /** `failed` with `error`; nothing is queued until the next change. */
  recordFailure(claim: DcrClaim, error: string, now: Date): Promise<void>;
  /** The provider forgot the client: the deletion is done. */
  forgetDeletion(credentialId: number, now: Date): Promise<void>;
  /** The deletion failed; with `retryAt` it runs again then, without it it stays for an operator. */
  recordDeletionFailure(credentialId: number, error: string, retryAt: Date | null): Promise<void>;
}

export const DCR_SYNC_STORE = token<DcrSyncStore>('DcrSyncStore');
