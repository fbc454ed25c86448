import {
  SecretBatch,
  SecretRewrite,
  SecretRow,
  SecretTable,
  StoredSecretsRepository,
  reencryptionChanges,
} from '../../../application/ports/stored-secrets.repository';
import { ChangeContext } from '../../../domain/audit/change-context';
import { InMemoryAuditTrail } from './in-memory-audit-trail';

/**
 * Encrypted values kept in memory, ordered by row id as PostgreSQL pages
 * them. The in-memory repositories keep secrets in plaintext (nothing is at
 * rest), so in a container this starts empty; tests fill it with ciphertexts.
 */
export class InMemoryStoredSecretsRepository implements StoredSecretsRepository {
  private readonly tables: Record<SecretTable, Map<string, SecretRow>> = {
    integrationAuthentications: new Map(),
    portalCredentials: new Map(),
    identityProviders: new Map(),
    dcrDeletions: new Map(),
  };

  /** Batches read so far: lets tests check that a table is paged, not loaded whole. */
  batches = 0;

  constructor(private readonly audit: InMemoryAuditTrail = new InMemoryAuditTrail()) {}

  async recordRun(rewritten: Readonly<Record<SecretTable, number>>, at: Date, change: ChangeContext): Promise<void> {
    this.audit.record(change, {
      at, surface: 'jfw', brandId: null, action: 'reencrypted', resource: { type: 'stored-secrets', id: 'all' },
      changes: reencryptionChanges(rewritten),
    });
  }

  put(table: SecretTable, row: SecretRow): void {
    this.tables[table].set(row.rowId, row);
  }

  get(table: SecretTable, rowId: string): SecretRow | undefined {
    return this.tables[table].get(rowId);
  }

  async rewriteBatch(
    table: SecretTable,
    afterRowId: string | null,
    limit: number,
    rewrite: (rows: readonly SecretRow[]) => readonly SecretRewrite[],
  ): Promise<SecretBatch> {
    this.batches += 1;
    const ids = [...this.tables[table].keys()].sort(compareIds).filter((id) => afterRowId === null || compareIds(id, afterRowId) > 0);
    const rows = ids.slice(0, limit).map((id) => this.tables[table].get(id)!);
    // All of the batch's rewrites are computed before any is applied: a failure leaves the batch untouched.
    for (const { rowId, ciphertexts } of rewrite(rows)) {
      const row = this.tables[table].get(rowId)!;
      this.put(table, { rowId, secrets: row.secrets.map((s) => ({ ...s, ciphertext: ciphertexts[s.field] ?? s.ciphertext })) });
    }
    return { rows: rows.length, lastRowId: rows.at(-1)?.rowId ?? null };
  }
}

/** Numeric ids (portal) compare as numbers, text ids (JFramework) as PostgreSQL's C collation would. */
function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}
