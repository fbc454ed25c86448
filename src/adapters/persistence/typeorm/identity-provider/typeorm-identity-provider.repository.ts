import { DataSource } from 'typeorm';
import { identityProviderRecord } from '../../../../application/shared/dcr-audit';
import { ChangeContext } from '../../../../domain/audit/change-context';
import { managerQuery, recordChange } from '../audit-sql';
import { IdentityProviderRepository } from '../../../../application/ports/identity-provider.repository';
import { Page, PageSlice } from '../../../../application/ports/page';
import { SecretCipher } from '../../../../application/ports/secret-cipher';
import { UnreadableSecretReporter } from '../../../../application/ports/unreadable-secret.reporter';
import { IdentityProvider, NewIdentityProvider } from '../../../../domain/identity-provider/identity-provider';
import { IdentityProviderIssuerTakenError } from '../../../../domain/identity-provider/identity-provider-errors';
import { totalBehind, totalItems } from '../paging-sql';
import { pgError, UNIQUE_VIOLATION } from '../pg-errors';
import { SecretReader, secretReader } from '../readable-secret';

interface IdentityProviderRow {
  id: number;
  name: string;
  issuer: string;
  registration_endpoint: string;
  initial_access_token: string | null;
  created_at: Date;
  total_items?: string;
}

/** Associated data of the initial access token: this row and this field only. */
export function initialAccessTokenContext(id: number): string {
  return `identity-provider:${id}:initial_access_token`;
}

export class TypeOrmIdentityProviderRepository implements IdentityProviderRepository {
  private readonly read: SecretReader;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
    reporter: UnreadableSecretReporter = { report: () => undefined },
  ) {
    this.read = secretReader(cipher, reporter);
  }

  async create(provider: NewIdentityProvider, change: ChangeContext): Promise<IdentityProvider> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        // The id first, so the token is encrypted bound to the row it goes into.
        const [{ id }]: { id: number }[] = await manager.query(
          `SELECT nextval(pg_get_serial_sequence('identity_providers', 'id'))::integer AS id`,
        );
        const token = provider.initialAccessToken === null ? null : this.cipher.encrypt(provider.initialAccessToken, initialAccessTokenContext(id));
        const rows: IdentityProviderRow[] = await manager.query(
          `INSERT INTO identity_providers (id, name, issuer, registration_endpoint, initial_access_token, created_at)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
          [id, provider.name, provider.issuer, provider.registrationEndpoint, token, provider.createdAt],
        );
        const created = this.toIdentityProvider(rows[0]);
        await recordChange(managerQuery(manager), identityProviderRecord(created, provider.createdAt), change);
        return created;
      });
    } catch (error) {
      const { code, constraint } = pgError(error);
      if (code === UNIQUE_VIOLATION && constraint === 'uq_identity_providers_issuer') throw new IdentityProviderIssuerTakenError(provider.issuer);
      throw error;
    }
  }

  async findById(id: number): Promise<IdentityProvider | null> {
    const rows: IdentityProviderRow[] = await this.dataSource.query(`SELECT * FROM identity_providers WHERE id = $1`, [id]);
    return rows.length === 0 ? null : this.toIdentityProvider(rows[0]);
  }

  async list(page: PageSlice): Promise<Page<IdentityProvider>> {
    const rows: IdentityProviderRow[] = await this.dataSource.query(
      `SELECT *, ${totalItems({ from: 'identity_providers' })} FROM identity_providers ORDER BY id LIMIT $1 OFFSET $2`,
      [page.limit, page.offset],
    );
    const total = await totalBehind(rows, this.dataSource, { from: 'identity_providers' });
    return { items: rows.map((row) => this.toIdentityProvider(row)), total };
  }

  private toIdentityProvider(row: IdentityProviderRow): IdentityProvider {
    return IdentityProvider.restore({
      id: row.id,
      name: row.name,
      issuer: row.issuer,
      registrationEndpoint: row.registration_endpoint,
      initialAccessToken: row.initial_access_token === null
        ? null
        : this.read(row.initial_access_token, initialAccessTokenContext(row.id), { resource: 'identity-provider', id: String(row.id) }),
      createdAt: new Date(row.created_at),
    });
  }
}
