import { randomUUID } from 'node:crypto';
import { ClientMetadata, RegisteredClient, registrationHandleOf } from '../../src/application/ports/client-registration';
import { DcrClaim, DcrClaimResult, DcrDeletion, DcrSyncStore, DcrWriteBack } from '../../src/application/ports/dcr-sync.store';

/** One credential's DCR state as the PostgreSQL store keeps it, in memory: a fake for the use case's tests. */
export interface FakeDcrCredential {
  metadata: ClientMetadata;
  client: RegisteredClient | null;
  desiredVersion: number;
  syncedVersion: number | null;
  rotateRequested: boolean;
  status: 'pending' | 'synced' | 'failed';
  error: string | null;
  failures: number;
  failingSince: Date | null;
  attemptId: string | null;
  leased: boolean;
}

/** The store's rules (lease, attempt-guarded write-back, requeue on a changed desired state) without a database. */
export class InMemoryDcrSyncStore implements DcrSyncStore {
  readonly credentials = new Map<number, FakeDcrCredential>();
  readonly deletions = new Map<number, DcrDeletion & { error?: string }>();
  /** Runs queued, as (credential id, when): what ih_enqueue_dcr_sync would have added. */
  readonly queued: { credentialId: number; at: Date | null }[] = [];

  add(id: number, metadata: ClientMetadata): FakeDcrCredential {
    const credential: FakeDcrCredential = {
      metadata, client: null, desiredVersion: 1, syncedVersion: null, rotateRequested: false, status: 'pending', error: null,
      failures: 0, failingSince: null, attemptId: null, leased: false,
    };
    this.credentials.set(id, credential);
    return credential;
  }

  /** What the redirect trigger does. */
  change(id: number, redirectUris: readonly string[]): void {
    const c = this.credentials.get(id)!;
    c.metadata = { ...c.metadata, redirectUris };
    c.desiredVersion += 1;
    c.status = 'pending';
  }

  async claim(credentialId: number): Promise<DcrClaimResult> {
    const c = this.credentials.get(credentialId);
    if (!c) return { kind: 'deleted', deletion: this.deletions.get(credentialId) ?? null };
    if (c.leased) return { kind: 'busy' };
    const unfinishedAttemptId = c.attemptId;
    c.attemptId = randomUUID();
    c.leased = true;
    const claim: DcrClaim = {
      credentialId, identityProviderId: 1, attemptId: c.attemptId, unfinishedAttemptId,
      target: { registrationEndpoint: 'https://idp.example/reg' }, metadata: c.metadata,
      clientId: c.client?.clientId ?? null, registration: c.client === null ? null : registrationHandleOf(c.client),
      desiredVersion: c.desiredVersion, syncedVersion: c.syncedVersion, rotateRequested: c.rotateRequested,
      failures: c.failures, failingSince: c.failingSince,
    };
    return { kind: 'claimed', claim };
  }

  async recordSuccess(claim: DcrClaim, client: RegisteredClient | null, _now: Date, note?: string): Promise<DcrWriteBack> {
    const c = this.credentials.get(claim.credentialId);
    if (!c) return 'deleted';
    if (c.attemptId !== claim.attemptId) return 'superseded';
    if (client) c.client = client;
    c.syncedVersion = claim.desiredVersion;
    if (client && claim.rotateRequested) c.rotateRequested = false;
    const synced = c.desiredVersion === claim.desiredVersion;
    Object.assign(c, { status: synced ? 'synced' : 'pending', error: note ?? null, failures: 0, failingSince: null, attemptId: null, leased: false });
    if (!synced) this.queued.push({ credentialId: claim.credentialId, at: null });
    return synced ? 'synced' : 'requeued';
  }

  async recordRetry(claim: DcrClaim, error: string, retryAt: Date, now: Date): Promise<void> {
    const c = this.credentials.get(claim.credentialId)!;
    if (c.attemptId !== claim.attemptId) return;
    Object.assign(c, { status: 'pending', error, failures: c.failures + 1, failingSince: c.failingSince ?? now, attemptId: null, leased: false });
    this.queued.push({ credentialId: claim.credentialId, at: retryAt });
  }

  async recordFailure(claim: DcrClaim, error: string): Promise<void> {
    const c = this.credentials.get(claim.credentialId)!;
    if (c.attemptId !== claim.attemptId) return;
    Object.assign(c, { status: 'failed', error, failures: 0, failingSince: null, attemptId: null, leased: false });
  }

  async forgetDeletion(credentialId: number): Promise<void> {
    this.deletions.delete(credentialId);
  }

  async recordDeletionFailure(credentialId: number, error: string, retryAt: Date | null): Promise<void> {
    const d = this.deletions.get(credentialId)!;
    this.deletions.set(credentialId, { ...d, failures: d.failures + 1, error });
    if (retryAt) this.queued.push({ credentialId, at: retryAt });
  }

  /** What the delete trigger does. */
  remove(id: number): void {
    const c = this.credentials.get(id)!;
    this.credentials.delete(id);
    const handle = c.client === null ? null : registrationHandleOf(c.client);
    if (handle) this.deletions.set(id, { credentialId: id, handle, failures: 0, createdAt: new Date() });
  }
}
