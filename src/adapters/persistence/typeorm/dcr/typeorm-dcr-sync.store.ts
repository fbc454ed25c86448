import { DataSource, EntityManager } from 'typeorm';
import { RegisteredClient } from '../../../../application/ports/client-registration';
import { DcrClaim, DcrClaimResult, DcrSyncStore, DcrWriteBack } from '../../../../application/ports/dcr-sync.store';
import { SecretCipher } from '../../../../application/ports/secret-cipher';
import { credentialContext, registrationTokenContext } from '../portal/credential.rows';
import { DcrClaimRow, storedResponse, toClaim } from './dcr-claim.rows';
import { DCR_SYNC_CHANGE, dcrDeletionRecord, DcrRegistrationState, dcrSyncRecord } from '../../../../application/shared/dcr-audit';
import { managerQuery, recordChange } from '../audit-sql';
import { LOCK_APP_OF_CREDENTIAL } from '../portal/app-lock';

/** Longer than one provider call (10 s), shorter than any retry delay worth having (docs/dcr.md). */
const LEASE = `interval '1 minute'`;

/*
 * The claim: one UPDATE that takes the lease only when nobody holds it; the
 * row lock of a concurrent claim makes the second re-check the lease and find
 * it taken. The self-join reads the attempt id as it was before this claim.
 */
const CLAIM = `
  WITH claimed AS (
  UPDATE portal_credentials c SET dcr_attempt_id = gen_random_uuid(), dcr_lease_until = now() + ${LEASE}
    FROM portal_credentials old
    JOIN identity_providers idp ON idp.id = old.dcr_identity_provider_id
    JOIN access_requests ar ON ar.id = old.access_request_id
    JOIN portal_apps a ON a.id = ar.app_id
   WHERE c.id = $1 AND old.id = c.id AND (c.dcr_lease_until IS NULL OR c.dcr_lease_until < now())
  RETURNING c.*, old.dcr_attempt_id AS unfinished_attempt_id, idp.id AS idp_id, idp.registration_endpoint,
            idp.initial_access_token, a.id AS app_id, a.name AS app_name)
  SELECT * FROM claimed`;

/** A job that found the lease taken runs again shortly; a write-back that re-queues replaces it anyway. */
const BUSY_RETRY = `interval '1 second'`;

interface DeletionRow {
  credential_id: number;
  client_id: string;
  registration_client_uri: string;
  registration_access_token: string;
  failures: number;
  created_at: Date;
}

/**
 * The registration state of DCR credentials in PostgreSQL. Secrets are
 * encrypted as the credential's others are: the client secret under the
 * credential's context, the registration access token under its own field's.
 */
export class TypeOrmDcrSyncStore implements DcrSyncStore {
  constructor(private readonly dataSource: DataSource, private readonly cipher: SecretCipher) {}

  async claim(credentialId: number): Promise<DcrClaimResult> {
    const rows: DcrClaimRow[] = await this.dataSource.query(CLAIM, [credentialId]);
    if (rows.length > 0) return { kind: 'claimed', claim: toClaim(rows[0], (stored, context) => this.cipher.decrypt(stored, context)) };
    const existing: { dcr_identity_provider_id: number | null }[] = await this.dataSource.query(
      `SELECT dcr_identity_provider_id FROM portal_credentials WHERE id = $1`, [credentialId],
    );
    if (existing.length > 0) {
      if (existing[0].dcr_identity_provider_id === null) return { kind: 'nothing' };
      await this.dataSource.query(`SELECT ih_enqueue_dcr_sync($1, now() + ${BUSY_RETRY}, 'preserve_run_at')`, [credentialId]);
      return { kind: 'busy' };
    }
    const deletions: DeletionRow[] = await this.dataSource.query(`SELECT * FROM dcr_deletions WHERE credential_id = $1`, [credentialId]);
    if (deletions.length === 0) return { kind: 'deleted', deletion: null };
    const d = deletions[0];
    return {
      kind: 'deleted',
      deletion: {
        credentialId,
        handle: {
          clientId: d.client_id,
          clientSecret: null,
          registrationClientUri: d.registration_client_uri,
          registrationAccessToken: this.cipher.decrypt(d.registration_access_token, registrationTokenContext(credentialId)),
        },
        failures: d.failures,
        createdAt: new Date(d.created_at),
      },
    };
  }

  async recordSuccess(claim: DcrClaim, client: RegisteredClient | null, now: Date, note?: string): Promise<DcrWriteBack> {
    return this.dataSource.transaction(async (manager) => {
      // The app's lock first (app-lock.ts): this write moves the request's version too.
      await manager.query(LOCK_APP_OF_CREDENTIAL, [claim.credentialId]);
      const rows: { dcr_attempt_id: string | null; dcr_desired_version: number; access_request_id: number }[] = await manager.query(
        `SELECT dcr_attempt_id, dcr_desired_version, access_request_id FROM portal_credentials WHERE id = $1 FOR UPDATE`,
        [claim.credentialId],
      );
      if (rows.length === 0) {
        // Deleted during the call: the client just made must go as well.
        if (client !== null) await this.insertDeletion(manager, claim.credentialId, claim.identityProviderId, client);
        return 'deleted';
      }
      if (rows[0].dcr_attempt_id !== claim.attemptId) return 'superseded';
      const synced = rows[0].dcr_desired_version === claim.desiredVersion;
      const id = claim.credentialId;
      const before = await this.state(manager, id);
      await manager.query(
        `UPDATE portal_credentials SET
           oauth_client_id = coalesce($2, oauth_client_id),
           oauth_client_secret = CASE WHEN $3::boolean THEN $4 ELSE oauth_client_secret END,
           dcr_registration_access_token = CASE WHEN $3::boolean THEN $5 ELSE dcr_registration_access_token END,
           dcr_registration_client_uri = CASE WHEN $3::boolean THEN $6 ELSE dcr_registration_client_uri END,
           dcr_response = coalesce($7, dcr_response),
           dcr_synced_version = $8, dcr_rotate_requested = dcr_rotate_requested AND NOT $9::boolean,
           dcr_sync_status = $10, dcr_sync_error = left($12, 1024), dcr_failures = 0, dcr_failing_since = NULL,
           dcr_attempt_id = NULL, dcr_lease_until = NULL, updated_at = CASE WHEN $3::boolean THEN $11 ELSE updated_at END
         WHERE id = $1`,
        [
          id,
          client?.clientId ?? null,
          client !== null,
          client?.clientSecret == null ? null : this.cipher.encrypt(client.clientSecret, credentialContext(id)),
          client?.registrationAccessToken == null ? null : this.cipher.encrypt(client.registrationAccessToken, registrationTokenContext(id)),
          client?.registrationClientUri ?? null,
          client === null ? null : storedResponse(client),
          claim.desiredVersion,
          claim.rotateRequested && client !== null,
          synced ? 'synced' : 'pending',
          now,
          note ?? null,
        ],
      );
      // What the credential shows changed: the request's version (its ETag) moves with it.
      if (client !== null) await manager.query(`UPDATE access_requests SET version = version + 1 WHERE id = $1`, [rows[0].access_request_id]);
      await this.audit(manager, id, before, now);
      if (!synced) await manager.query(`SELECT ih_enqueue_dcr_sync($1)`, [id]);
      return synced ? 'synced' : 'requeued';
    });
  }

  async recordRetry(claim: DcrClaim, error: string, retryAt: Date, now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.state(manager, claim.credentialId);
      const rows: unknown[] = await manager.query(
        `WITH retried AS (
           UPDATE portal_credentials SET dcr_sync_status = 'pending', dcr_sync_error = left($3, 1024),
                  dcr_failures = dcr_failures + 1, dcr_failing_since = coalesce(dcr_failing_since, $4),
                  dcr_attempt_id = NULL, dcr_lease_until = NULL
            WHERE id = $1 AND dcr_attempt_id = $2 RETURNING id)
         SELECT id FROM retried`,
        [claim.credentialId, claim.attemptId, error, now],
      );
      if (rows.length === 0) return;
      // A change queued during the call keeps its earlier run (preserve_run_at).
      await manager.query(`SELECT ih_enqueue_dcr_sync($1, $2, 'preserve_run_at')`, [claim.credentialId, retryAt]);
      await this.audit(manager, claim.credentialId, before, now);
    });
  }

  async recordFailure(claim: DcrClaim, error: string, now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.state(manager, claim.credentialId);
      const rows: unknown[] = await manager.query(
        `WITH failed AS (
           UPDATE portal_credentials SET dcr_sync_status = 'failed', dcr_sync_error = left($3, 1024), dcr_failures = 0,
                  dcr_failing_since = NULL, dcr_attempt_id = NULL, dcr_lease_until = NULL
            WHERE id = $1 AND dcr_attempt_id = $2 RETURNING id)
         SELECT id FROM failed`,
        [claim.credentialId, claim.attemptId, error],
      );
      if (rows.length > 0) await this.audit(manager, claim.credentialId, before, now);
    });
  }

  async forgetDeletion(credentialId: number, now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows: { client_id: string }[] = await manager.query(
        `WITH gone AS (DELETE FROM dcr_deletions WHERE credential_id = $1 RETURNING client_id) SELECT client_id FROM gone`, [credentialId],
      );
      if (rows.length > 0) await recordChange(managerQuery(manager), dcrDeletionRecord(credentialId, rows[0].client_id, now), DCR_SYNC_CHANGE);
    });
  }

  async recordDeletionFailure(credentialId: number, error: string, retryAt: Date | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE dcr_deletions SET failures = failures + 1, last_error = left($2, 1024) WHERE credential_id = $1`,
        [credentialId, error],
      );
      if (retryAt !== null) await manager.query(`SELECT ih_enqueue_dcr_sync($1, $2, 'preserve_run_at')`, [credentialId, retryAt]);
    });
  }

  /** The registration as the audit trail compares it, the row locked; secrets decrypted only to tell whether they changed. */
  private async state(manager: EntityManager, id: number): Promise<DcrRegistrationState | null> {
    const rows: Record<string, string | null>[] = await manager.query(
      `SELECT dcr_sync_status, dcr_sync_error, oauth_client_id, dcr_registration_client_uri, oauth_client_secret,
              dcr_registration_access_token, dcr_response FROM portal_credentials WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (rows.length === 0) return null;
    const r = rows[0];
    return {
      DCRSyncStatus: r.dcr_sync_status, DCRSyncError: r.dcr_sync_error, OAuthClientID: r.oauth_client_id,
      DCRRegistrationClientURI: r.dcr_registration_client_uri,
      OAuthClientSecret: this.plainOrNull(r.oauth_client_secret, credentialContext(id)),
      DCRRegistrationAccessToken: this.plainOrNull(r.dcr_registration_access_token, registrationTokenContext(id)),
      DCRResponse: r.dcr_response,
    };
  }

  private plainOrNull(stored: string | null, context: string): string | null {
    if (stored === null) return null;
    try {
      return this.cipher.decrypt(stored, context);
    } catch {
      // Unreadable before: whatever is written now counts as changed.
      return stored;
    }
  }

  private async audit(manager: EntityManager, id: number, before: DcrRegistrationState | null, at: Date): Promise<void> {
    const after = await this.state(manager, id);
    if (before === null || after === null) return;
    const record = dcrSyncRecord(id, before, after, at);
    if (record !== null) await recordChange(managerQuery(manager), record, DCR_SYNC_CHANGE);
  }

  private async insertDeletion(manager: EntityManager, credentialId: number, identityProviderId: number, client: RegisteredClient): Promise<void> {
    if (client.registrationAccessToken === null || client.registrationClientUri === null) return;
    await manager.query(
      `INSERT INTO dcr_deletions (credential_id, identity_provider_id, client_id, registration_client_uri, registration_access_token)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (credential_id) DO NOTHING`,
      [credentialId, identityProviderId, client.clientId, client.registrationClientUri, this.cipher.encrypt(client.registrationAccessToken, registrationTokenContext(credentialId))],
    );
    await manager.query(`SELECT ih_enqueue_dcr_sync($1)`, [credentialId]);
  }
}
