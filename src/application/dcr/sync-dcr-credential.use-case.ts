import { nextAttemptAt } from '../../domain/webhooks/retry-schedule';
import { ClientRegistration, CLIENT_REGISTRATION, RegisteredClient } from '../ports/client-registration';
import { Clock, CLOCK } from '../ports/clock';
import { DcrSyncSettings, DCR_SYNC_SETTINGS } from '../ports/dcr-sync-settings';
import { DcrClaim, DcrDeletion, DcrSyncStore, DCR_SYNC_STORE } from '../ports/dcr-sync.store';
import { IdentityProviderError, IdentityProviderRefused, IdentityProviderUnreachable } from '../ports/identity-provider-errors';

export interface SyncDcrCredentialCommand {
  readonly credentialId: number;
}

export type DcrSyncOutcome = 'synced' | 'requeued' | 'superseded' | 'retrying' | 'failed' | 'deleted' | 'busy' | 'nothing';

/** RFC 7592 lets a provider keep the secret on a PUT without one; most do. Said where the rotation was asked for. */
export const ROTATION_NOT_SUPPORTED = 'the identity provider kept the client secret: it does not rotate secrets through RFC 7592';

type Operation = 'register' | 'update' | 'rotate' | 'none' | 'unmanaged';

/**
 * The `dcr-sync` job (docs/dcr.md "Wiring"): brings one credential's
 * registration at its identity provider in line with what the portal says,
 * with one provider call. It reconciles rather than replays: three redirect
 * changes during an outage become one update with the latest URIs.
 *
 * Provider errors never escape: retryable ones keep the credential
 * `pending` and schedule the next run, the others mark it `failed` with the
 * provider's words. Only store errors (the database) escape, and the queue
 * retries the job; the lease then runs out and the next run claims again.
 */
export class SyncDcrCredential {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [DCR_SYNC_STORE, CLIENT_REGISTRATION, CLOCK, DCR_SYNC_SETTINGS] as const;
  }

  constructor(
    private readonly store: DcrSyncStore,
    private readonly registration: ClientRegistration,
    private readonly clock: Clock,
    private readonly settings: DcrSyncSettings,
  ) {}

  async execute(command: SyncDcrCredentialCommand): Promise<DcrSyncOutcome> {
    const claimed = await this.store.claim(command.credentialId, this.clock.now());
    switch (claimed.kind) {
      case 'busy':
      case 'nothing':
        return claimed.kind;
      case 'deleted':
        return claimed.deletion === null ? 'nothing' : this.delete(claimed.deletion);
      case 'claimed':
        return this.reconcile(claimed.claim);
    }
  }

  private async reconcile(claim: DcrClaim): Promise<DcrSyncOutcome> {
    const operation = operationFor(claim);
    if (operation === 'unmanaged') {
      await this.store.recordFailure(claim, 'the identity provider offers no RFC 7592 management for this client: it cannot be updated or rotated', this.clock.now());
      return 'failed';
    }
    let answer: { client: RegisteredClient | null; note?: string };
    try {
      answer = await this.call(operation, claim);
    } catch (error) {
      if (!(error instanceof IdentityProviderError)) throw error;
      return this.recordError(claim, operation, error);
    }
    return this.store.recordSuccess(claim, answer.client, this.clock.now(), answer.note);
  }

  private async call(operation: Operation, claim: DcrClaim): Promise<{ client: RegisteredClient | null; note?: string }> {
    const metadata = { ...claim.metadata, softwareVersion: claim.attemptId };
    switch (operation) {
      case 'register':
        return { client: await this.registration.register(claim.target, metadata) };
      case 'update':
        return { client: await this.registration.update(claim.registration!, metadata) };
      case 'rotate': {
        const { client, rotated } = await this.registration.rotateSecret(claim.registration!, metadata);
        return rotated ? { client } : { client, note: ROTATION_NOT_SUPPORTED };
      }
      case 'none':
      case 'unmanaged':
        return { client: null };
    }
  }

  private async recordError(claim: DcrClaim, operation: Operation, error: IdentityProviderError): Promise<DcrSyncOutcome> {
    const now = this.clock.now();
    let message = error.message;
    if (operation === 'register' && error instanceof IdentityProviderUnreachable && error.requestMayHaveArrived) {
      // RFC 7591 has no idempotency key: say so where an operator looks.
      message += `; registration attempt ${claim.attemptId} at ${now.toISOString()} may have created a client at the provider`;
    }
    if ((operation === 'update' || operation === 'rotate') && error instanceof IdentityProviderRefused && error.status === 401) {
      message = 'registration access token no longer accepted (lost in an unanswered update, or the client was removed at the provider)';
    }
    if (!error.retryable) {
      await this.store.recordFailure(claim, message, now);
      return 'failed';
    }
    const retryAt = nextAttemptAt(
      this.settings.retrySchedule,
      { attempt: claim.failures + 1, failedAt: now, startedAt: claim.failingSince ?? now },
      this.settings.random,
    );
    if (retryAt === null) {
      await this.store.recordFailure(claim, `${message}; gave up after retrying`, now);
      return 'failed';
    }
    await this.store.recordRetry(claim, `${message}, retrying`, retryAt, now);
    return 'retrying';
  }

  private async delete(deletion: DcrDeletion): Promise<DcrSyncOutcome> {
    try {
      await this.registration.delete(deletion.handle);
    } catch (error) {
      if (!(error instanceof IdentityProviderError)) throw error;
      const now = this.clock.now();
      const retryAt = error.retryable
        ? nextAttemptAt(this.settings.retrySchedule, { attempt: deletion.failures + 1, failedAt: now, startedAt: deletion.createdAt }, this.settings.random)
        : null;
      await this.store.recordDeletionFailure(deletion.credentialId, error.message, retryAt);
      return retryAt === null ? 'failed' : 'retrying';
    }
    await this.store.forgetDeletion(deletion.credentialId, this.clock.now());
    return 'deleted';
  }
}

function operationFor(claim: DcrClaim): Operation {
  if (claim.clientId === null) return 'register';
  const upToDate = claim.syncedVersion === claim.desiredVersion && !claim.rotateRequested;
  if (upToDate) return 'none';
  if (claim.registration === null) return 'unmanaged';
  return claim.rotateRequested ? 'rotate' : 'update';
}
