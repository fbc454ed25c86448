import { token } from './token';
import { ChangeContext } from '../../domain/audit/change-context';
/** The tables whose rows hold encrypted secrets. */
export type SecretTable = 'integrationAuthentications' | 'portalCredentials' | 'identityProviders' | 'dcrDeletions';

export const SECRET_TABLES: readonly SecretTable[] = ['integrationAuthentications', 'portalCredentials', 'identityProviders', 'dcrDeletions'];

/** One encrypted value as stored, with the associated data it was bound to. */
export interface StoredSecret {
  readonly field: string;
  readonly ciphertext: string;
  readonly context: string;
}

/** A row's encrypted values (null ones left out), keyed by the row's id. */
export interface SecretRow {
  readonly rowId: string;
  readonly secrets: readonly StoredSecret[];
  /**
   * Fields whose keyed digest the table keeps but this row lacks (written
   * before digests existed): the run fills them, so the row's next write
   * can tell whether its secret changed.
   */
  readonly missingDigests?: readonly string[];
}

/** New ciphertexts (and digests) for some fields of one row; fields not named stay as they are. */
export interface SecretRewrite {
  readonly rowId: string;
  readonly ciphertexts: Readonly<Record<string, string>>;
  /**
   * SecretCipher.digest of each rewritten value, under the current key: the
   * digest key derives from it, so after a rotation the stored digests are
   * recomputed here (where the table keeps one; the audit compares them).
   */
  readonly digests?: Readonly<Record<string, Uint8Array>>;
}

export interface SecretBatch {
  /** Rows read in this batch; 0 means the table is done. */
  readonly rows: number;
  /** Id of the batch's last row: the cursor for the next batch. */
  readonly lastRowId: string | null;
}

/**
 * Pages through every row holding encrypted secrets, for key rotation. Each
 * batch is one transaction: its rows are locked, handed to `rewrite`, and the
 * rewrites it returns are written before commit, so a concurrent write of the
 * same row waits instead of being overwritten.
 */
export interface StoredSecretsRepository {
  rewriteBatch(
    table: SecretTable,
    afterRowId: string | null,
    limit: number,
    rewrite: (rows: readonly SecretRow[]) => readonly SecretRewrite[],
  ): Promise<SecretBatch>;

  /**
   * The run's one audit entry (action `reencrypted`, the rows rewritten per
   * table; never a value). Written after the batches, which each commit on
   * their own: a run is many transactions by design (no table held locked).
   */
  recordRun(rewritten: Readonly<Record<SecretTable, number>>, at: Date, change: ChangeContext): Promise<void>;
}

/** The audit changes of a run: how many rows of each table got new ciphertexts (counts only). */
export function reencryptionChanges(rewritten: Readonly<Record<SecretTable, number>>) {
  return SECRET_TABLES.map((table) => ({ field: table, from: null, to: rewritten[table] }));
}

export const STORED_SECRETS_REPOSITORY = token<StoredSecretsRepository>('StoredSecretsRepository');
