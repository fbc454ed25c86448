import { ChangeContext } from '../../domain/audit/change-context';
import { Clock, CLOCK } from '../ports/clock';
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
  readonly change: ChangeContext;
}

/** A stored value that no configured key opens (a lost key, a damaged or moved value): where it is, never what. */
export interface UndecryptableSecret {
  readonly table: SecretTable;
  readonly rowId: string;
  readonly field: string;
}

export interface ReencryptSecretsResult {
  /** Rows whose secrets were rewritten under the current key, per table. */
  readonly reencrypted: Record<SecretTable, number>;
  /** Values left as they were because no configured key opens them; the other values of their rows are rewritten. */
  readonly undecryptable: readonly UndecryptableSecret[];
}

/**
 * `secrets:reencrypt`: rewrites every stored secret that is not under the
 * current key. Runs batch by batch (never a whole table in memory); values
 * already under the current key are left alone, so a second run, or a run
 * after an interruption, only does what is left. A value no configured key
 * opens does not stop the run — one damaged row would otherwise hold every
 * other row under a key the operator wants to retire — it is left as it
 * is and reported, and the caller decides what failure that is.
 */
export class ReencryptSecrets {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [STORED_SECRETS_REPOSITORY, SECRET_CIPHER, CLOCK] as const;
  }

  constructor(
    private readonly secrets: StoredSecretsRepository,
    private readonly cipher: SecretCipher,
    private readonly clock: Clock,
  ) {}

  async execute(command: ReencryptSecretsCommand): Promise<ReencryptSecretsResult> {
    const batchSize = command.batchSize ?? 500;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
    const reencrypted = Object.fromEntries(SECRET_TABLES.map((table) => [table, 0])) as Record<SecretTable, number>;
    const undecryptable: UndecryptableSecret[] = [];
    for (const table of SECRET_TABLES) {
      let after: string | null = null;
      for (;;) {
        let rewritten = 0;
        const batch = await this.secrets.rewriteBatch(table, after, batchSize, (rows) => {
          const rewrites = rows.map((row) => this.rewrite(table, row, undecryptable)).filter((r): r is SecretRewrite => r !== null);
          // Counted: rows with a new ciphertext; a row that only gained its digest keeps its value.
          rewritten = rewrites.filter((r) => Object.keys(r.ciphertexts).length > 0).length;
          return rewrites;
        });
        reencrypted[table] += rewritten;
        if (batch.rows < batchSize || batch.lastRowId === null) break;
        after = batch.lastRowId;
      }
    }
    await this.secrets.recordRun(reencrypted, this.clock.now(), command.change);
    return { reencrypted, undecryptable };
  }

  private rewrite(table: SecretTable, row: SecretRow, undecryptable: UndecryptableSecret[]): SecretRewrite | null {
    const ciphertexts: Record<string, string> = {};
    const digests: Record<string, Uint8Array> = {};
    for (const secret of row.secrets) {
      const reencrypt = this.cipher.needsReencryption(secret.ciphertext);
      if (!reencrypt && !row.missingDigests?.includes(secret.field)) continue;
      let plaintext: string;
      try {
        plaintext = this.cipher.decrypt(secret.ciphertext, secret.context);
      } catch {
        undecryptable.push({ table, rowId: row.rowId, field: secret.field });
        continue;
      }
      if (reencrypt) ciphertexts[secret.field] = this.cipher.encrypt(plaintext, secret.context);
      digests[secret.field] = this.cipher.digest(plaintext);
    }
    return Object.keys(digests).length === 0 ? null : { rowId: row.rowId, ciphertexts, digests };
  }
}
