import { DataSource, EntityManager } from 'typeorm';
import {
  SecretBatch,
  SecretRewrite,
  SecretRow,
  SecretTable,
  StoredSecretsRepository,
} from '../../../application/ports/stored-secrets.repository';
import { reencryptionChanges } from '../../../application/ports/stored-secrets.repository';
import { ChangeContext } from '../../../domain/audit/change-context';
import { actorParams } from './audit-sql';
import { secretContext } from './jfw/integration-authentication.row';
import { credentialContext, registrationTokenContext } from './portal/credential.rows';
import { initialAccessTokenContext } from './identity-provider/typeorm-identity-provider.repository';

interface TableAccess {
  /** Keyset page: rows after $1 (null = from the start), $2 of them, locked for the batch's transaction. */
  readonly select: string;
  toRow(row: Record<string, unknown>): SecretRow;
  write(manager: EntityManager, rewrites: readonly SecretRewrite[]): Promise<void>;
}

const INTEGRATION_AUTHENTICATIONS: TableAccess = {
  select: `SELECT id, brand_id, client_secret, client_secret_digest IS NULL AS no_digest FROM integration_authentications
            WHERE $1::text IS NULL OR id > $1::text ORDER BY id LIMIT $2 FOR UPDATE`,
  toRow: (row) => ({
    rowId: String(row.id),
    secrets: [{ field: 'client_secret', ciphertext: String(row.client_secret), context: secretContext(String(row.brand_id), String(row.id)) }],
    missingDigests: row.no_digest === true ? ['client_secret'] : [],
  }),
  async write(manager, rewrites) {
    // Neither version nor updated_at change: the stored value is the same secret, so ETags stay valid.
    // Its digest is recomputed under the current key (the audit compares digests), never left stale.
    await manager.query(
      `UPDATE integration_authentications r
          SET client_secret = coalesce(u.client_secret, r.client_secret), client_secret_digest = coalesce(u.digest, r.client_secret_digest)
         FROM unnest($1::text[], $2::text[], $3::bytea[]) AS u(id, client_secret, digest) WHERE r.id = u.id`,
      [
        rewrites.map((r) => r.rowId), rewrites.map((r) => r.ciphertexts.client_secret ?? null),
        rewrites.map((r) => (r.digests?.client_secret === undefined ? null : Buffer.from(r.digests.client_secret))),
      ],
    );
  },
};

const PORTAL_CREDENTIALS: TableAccess = {
  select: `SELECT id, credential, oauth_client_secret, dcr_registration_access_token FROM portal_credentials
            WHERE (credential IS NOT NULL OR oauth_client_secret IS NOT NULL OR dcr_registration_access_token IS NOT NULL)
              AND ($1::integer IS NULL OR id > $1::integer) ORDER BY id LIMIT $2 FOR UPDATE`,
  toRow: (row) => {
    const id = Number(row.id);
    const secrets = (['credential', 'oauth_client_secret', 'dcr_registration_access_token'] as const)
      .filter((field) => row[field] !== null)
      .map((field) => ({
        field,
        ciphertext: String(row[field]),
        context: field === 'dcr_registration_access_token' ? registrationTokenContext(id) : credentialContext(id),
      }));
    return { rowId: String(id), secrets };
  },
  async write(manager, rewrites) {
    // A null in the arrays means "this field was not rewritten": coalesce keeps the stored value.
    await manager.query(
      `UPDATE portal_credentials c
          SET credential = coalesce(u.credential, c.credential),
              oauth_client_secret = coalesce(u.oauth_client_secret, c.oauth_client_secret),
              dcr_registration_access_token = coalesce(u.token, c.dcr_registration_access_token)
         FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[]) AS u(id, credential, oauth_client_secret, token)
        WHERE c.id = u.id`,
      [
        rewrites.map((r) => Number(r.rowId)),
        rewrites.map((r) => r.ciphertexts.credential ?? null),
        rewrites.map((r) => r.ciphertexts.oauth_client_secret ?? null),
        rewrites.map((r) => r.ciphertexts.dcr_registration_access_token ?? null),
      ],
    );
  },
};

const IDENTITY_PROVIDERS: TableAccess = {
  select: `SELECT id, initial_access_token FROM identity_providers
            WHERE initial_access_token IS NOT NULL AND ($1::integer IS NULL OR id > $1::integer) ORDER BY id LIMIT $2 FOR UPDATE`,
  toRow: (row) => ({
    rowId: String(row.id),
    secrets: [{ field: 'initial_access_token', ciphertext: String(row.initial_access_token), context: initialAccessTokenContext(Number(row.id)) }],
  }),
  async write(manager, rewrites) {
    await manager.query(
      `UPDATE identity_providers p SET initial_access_token = u.token
         FROM unnest($1::integer[], $2::text[]) AS u(id, token) WHERE p.id = u.id`,
      [rewrites.map((r) => Number(r.rowId)), rewrites.map((r) => r.ciphertexts.initial_access_token)],
    );
  },
};

/** Tokens of clients still to be deleted at their provider: bound to the credential they belonged to. */
const DCR_DELETIONS: TableAccess = {
  select: `SELECT credential_id, registration_access_token FROM dcr_deletions
            WHERE $1::integer IS NULL OR credential_id > $1::integer ORDER BY credential_id LIMIT $2 FOR UPDATE`,
  toRow: (row) => ({
    rowId: String(row.credential_id),
    secrets: [{
      field: 'registration_access_token', ciphertext: String(row.registration_access_token), context: registrationTokenContext(Number(row.credential_id)),
    }],
  }),
  async write(manager, rewrites) {
    await manager.query(
      `UPDATE dcr_deletions d SET registration_access_token = u.token
         FROM unnest($1::integer[], $2::text[]) AS u(id, token) WHERE d.credential_id = u.id`,
      [rewrites.map((r) => Number(r.rowId)), rewrites.map((r) => r.ciphertexts.registration_access_token)],
    );
  },
};

const TABLES: Record<SecretTable, TableAccess> = {
  integrationAuthentications: INTEGRATION_AUTHENTICATIONS,
  portalCredentials: PORTAL_CREDENTIALS,
  identityProviders: IDENTITY_PROVIDERS,
  dcrDeletions: DCR_DELETIONS,
};

/** Encrypted columns of PostgreSQL, a batch per transaction, paged by primary key (keyset, not OFFSET). */
export class TypeOrmStoredSecretsRepository implements StoredSecretsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async rewriteBatch(
    table: SecretTable,
    afterRowId: string | null,
    limit: number,
    rewrite: (rows: readonly SecretRow[]) => readonly SecretRewrite[],
  ): Promise<SecretBatch> {
    const access = TABLES[table];
    return this.dataSource.transaction(async (manager) => {
      const raw: Record<string, unknown>[] = await manager.query(access.select, [afterRowId, limit]);
      const rows = raw.map((row) => access.toRow(row));
      const rewrites = rewrite(rows);
      if (rewrites.length > 0) await access.write(manager, rewrites);
      return { rows: rows.length, lastRowId: rows.at(-1)?.rowId ?? null };
    });
  }

  async recordRun(rewritten: Readonly<Record<SecretTable, number>>, at: Date, change: ChangeContext): Promise<void> {
    await this.dataSource.query(
      `SELECT ih_record_change($1, 'jfw', NULL, $2, $3, 'reencrypted', 'stored-secrets', 'all', $5::jsonb, $4, NULL, NULL)`,
      [at, ...actorParams(change), JSON.stringify(reencryptionChanges(rewritten))],
    );
  }
}
