import { DomainError } from '../../domain/shared/domain-error';
import { SECRET_CIPHER, SecretCipher } from '../ports/secret-cipher';
import {
  SECRET_TABLES,
  STORED_SECRETS_REPOSITORY,
  SecretRewrite,
  SecretRow,
  SecretTable,
  StoredSecretsRepository,
} from '../ports/stored-secrets.repository';

export interface ReencryptSecretsCommand {
  /** Rows per transaction (default 500). */
  readonly batchSize?: number;
}

/** Rows whose secrets were rewritten under the current key, per table. */
export type ReencryptSecretsResult = Record<SecretTable, number>;

/** A stored value no configured key opens: rotation stops, earlier batches stay committed. */
export class StoredSecretNotDecryptableError extends DomainError {
  readonly code = 'StoredSecretNotDecryptable';

  constructor(readonly table: SecretTable, readonly rowId: string, readonly field: string) {
    super(`${table} row ${rowId}: ${field} does not decrypt with SECRET_KEY or SECRET_KEYS_PREVIOUS`);
  }
}

/**
 * `secrets:reencrypt`: rewrites every stored secret that is not under the
 * current key. Runs batch by batch (never a whole table in memory); values
 * already under the current key are left alone, so a second run, or a run
 * after an interruption, only does what is left.
 */
export class ReencryptSecrets {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [STORED_SECRETS_REPOSITORY, SECRET_CIPHER] as const;
  }

  constructor(
    private readonly secrets: StoredSecretsRepository,
    private readonly cipher: SecretCipher,
  ) {}

  async execute(command: ReencryptSecretsCommand = {}): Promise<ReencryptSecretsResult> {
    const batchSize = command.batchSize ?? 500;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
    const result = { integrationAuthentications: 0, portalCredentials: 0 };
    for (const table of SECRET_TABLES) {
      let after: string | null = null;
      for (;;) {
        let rewritten = 0;
        const batch = await this.secrets.rewriteBatch(table, after, batchSize, (rows) => {
          const rewrites = rows.map((row) => this.rewrite(table, row)).filter((r): r is SecretRewrite => r !== null);
          rewritten = rewrites.length;
          return rewrites;
        });
        result[table] += rewritten;
        if (batch.rows < batchSize || batch.lastRowId === null) break;
        after = batch.lastRowId;
      }
    }
    return result;
  }

  private rewrite(table: SecretTable, row: SecretRow): SecretRewrite | null {
    const ciphertexts: Record<string, string> = {};
    for (const secret of row.secrets) {
      if (!this.cipher.needsReencryption(secret.ciphertext)) continue;
      let plaintext: string;
      try {
        plaintext = this.cipher.decrypt(secret.ciphertext, secret.context);
      } catch {
        throw new StoredSecretNotDecryptableError(table, row.rowId, secret.field);
      }
      ciphertexts[secret.field] = this.cipher.encrypt(plaintext, secret.context);
    }
    return Object.keys(ciphertexts).length === 0 ? null : { rowId: row.rowId, ciphertexts };
  }
}
