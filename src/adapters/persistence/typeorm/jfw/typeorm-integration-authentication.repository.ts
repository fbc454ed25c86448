import { DataSource } from 'typeorm';
import {
  IntegrationAuthenticationFilter,
  IntegrationAuthenticationRepository,
  IntegrationAuthenticationView,
  SettingsReplacement,
} from '../../../../application/ports/integration-authentication.repository';
import { Page } from '../../../../application/ports/page';
import { SecretCipher } from '../../../../application/ports/secret-cipher';
import { UnreadableSecretReporter } from '../../../../application/ports/unreadable-secret.reporter';
import { SecretReader, secretReader } from '../readable-secret';
import { AppIntegrationNotFoundError } from '../../../../domain/app-integration/app-integration-errors';
import { isBase62Id } from '../../../../domain/shared/base62-id';
import { IntegrationAuthentication, StoredSettings } from '../../../../domain/integration-authentication/integration-authentication';
import {
  IntegrationAuthenticationCodeTakenError,
  IntegrationAuthenticationNotFoundError,
} from '../../../../domain/integration-authentication/integration-authentication-errors';
import { VersionMismatchError } from '../../../../domain/shared/domain-error';
import { versionSatisfies } from '../../../../domain/shared/version-precondition';
import {
  FOREIGN_KEY_VIOLATION,
  likePattern,
  pgError,
  ROW_NOT_FOUND,
  UNIQUE_VIOLATION,
  VERSION_MISMATCH,
} from '../pg-errors';
import { poolQuery, PoolQuery } from '../pool-query';
import { retryingDeadlocks, withDeadlockRetry } from '../deadlock-retry';
import { auditParams, IntegrationAuthenticationRow, settingsParams, toView, VIEW_COLUMNS } from './integration-authentication.row';
import { ChangeContext } from '../../../../domain/audit/change-context';
import { totalBehind, totalItems } from '../paging-sql';

type StoredReplacement = Omit<SettingsReplacement, 'settings'> & { readonly settings: StoredSettings };

const JOIN = `JOIN app_integrations ai ON ai.id = r.app_integration_id`;
// The audited write functions: the row, its audit entry and its event in one statement (docs/events-and-audit.md).
const INSERT_SQL = `SELECT ${VIEW_COLUMNS} FROM ih_insert_integration_authentication_audited(
  $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) r ${JOIN}`;
const REPLACE_SQL = `SELECT ${VIEW_COLUMNS} FROM ih_replace_integration_authentication_audited(
  $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23) r ${JOIN}`;
// DELETE … RETURNING feeds the audit entry; the final SELECT reads `recorded`, so it cannot be skipped.
const DELETE_SQL = `WITH deleted AS (
     DELETE FROM integration_authentications
      WHERE id = $1 AND brand_id = $2 AND ($3::integer[] IS NULL OR version = ANY($3)) RETURNING *),
   recorded AS (
     SELECT ih_record_change($4, 'jfw', d.brand_id, $5, $6, 'deleted', 'integration-authentication', d.id,
              ih_integration_authentication_changes(d::integration_authentications, NULL), $7,
              'integration-authentication.deleted', ih_integration_authentication_json(d::integration_authentications)) AS audit_id
       FROM deleted d)
   SELECT d.id FROM deleted d CROSS JOIN recorded`;

/**
 * PostgreSQL storage of brand configurations. Each write is one statement
 * (a SQL function when a default must be cleared first), so the database
 * constraints and not an in-process check decide conflicts.
 */
export class TypeOrmIntegrationAuthenticationRepository implements IntegrationAuthenticationRepository {
  /** The pool's statements; a write PostgreSQL aborted as a deadlock runs again (each is one statement). */
  private readonly hot: PoolQuery = withDeadlockRetry(poolQuery(this.dataSource));
  private readonly read: SecretReader;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
    reporter: UnreadableSecretReporter = { report: () => undefined },
  ) {
    this.read = secretReader(cipher, reporter);
  }

  async insert(entity: IntegrationAuthentication, change: ChangeContext): Promise<IntegrationAuthenticationView> {
    const { createdDate } = entity.snapshot();
    const params = [
      entity.id, entity.brandId, ...settingsParams(entity, entity.settings, this.cipher, createdDate), ...auditParams(entity.settings, this.cipher, change)];
    const rows = await this.write(this.hot, INSERT_SQL, params, entity.settings);
    return toView(rows[0], this.read, entity.settings.clientSecret);
  }

  async replace(replacement: SettingsReplacement): Promise<IntegrationAuthenticationView> {
    return this.replaceWith(this.hot, replacement);
  }

  async update(
    brandId: string,
    id: string,
    derive: (current: IntegrationAuthentication) => IntegrationAuthentication,
    change: ChangeContext,
    expectedVersions?: readonly number[],
  ): Promise<IntegrationAuthenticationView> {
    // The row first, then (claiming the default) the (brand, integration) lock, where a PUT takes that lock
    // first: a PATCH and a PUT or POST meeting on a default can deadlock, and the PATCH runs again.
    return retryingDeadlocks(() => this.dataSource.transaction(async (manager) => {
      const rows: IntegrationAuthenticationRow[] = await manager.query(
        `SELECT ${VIEW_COLUMNS} FROM integration_authentications r ${JOIN}
          WHERE r.id = $1 AND r.brand_id = $2 FOR UPDATE OF r`,
        [id, brandId],
      );
      if (rows.length === 0) throw new IntegrationAuthenticationNotFoundError();
      const view = toView(rows[0], this.read);
      const current = view.authentication;
      if (!versionSatisfies(current.version, expectedVersions)) throw new VersionMismatchError();
      const next = derive(current);
      if (next === current) return view; // nothing changed: no write, so no version, entry or event
      const replacement = { brandId, id, settings: next.settings, at: next.snapshot().updatedDate, expectedVersions: [current.version], change };
      return this.replaceWith((sql, params) => manager.query(sql, params as unknown[]), replacement);
    }));
  }

  async findById(brandId: string, id: string): Promise<IntegrationAuthenticationView | null> {
    const rows: IntegrationAuthenticationRow[] = await this.dataSource.query(
      `SELECT ${VIEW_COLUMNS} FROM integration_authentications r ${JOIN} WHERE r.id = $1 AND r.brand_id = $2`,
      [id, brandId],
    );
    return rows.length === 0 ? null : toView(rows[0], this.read);
  }

  async list(
    brandId: string,
    filter: IntegrationAuthenticationFilter,
    page: { offset: number; limit: number },
  ): Promise<Page<IntegrationAuthenticationView>> {
    const params: unknown[] = [brandId];
    const where = ['r.brand_id = $1'];
    if (filter.appIntegrationId !== undefined) {
      params.push(filter.appIntegrationId);
      where.push(`r.app_integration_id = $${params.length}`);
    }
    if (filter.status !== undefined) {
      params.push(filter.status);
      where.push(`r.status = $${params.length}`);
    }
    if (filter.keywords !== undefined) {
      params.push(likePattern(filter.keywords));
      where.push(`lower(r.code || ' ' || r.name || ' ' || coalesce(r.description, '') || ' ' || coalesce(r.tags, '')) LIKE $${params.length}`);
    }
    params.push(page.limit, page.offset);
    // The total in the same round trip as the page.
    const count = { from: 'integration_authentications r', where: where.join(' AND ') };
    const rows: IntegrationAuthenticationRow[] = await this.dataSource.query(
      `SELECT ${VIEW_COLUMNS}, ${totalItems(count)}
         FROM integration_authentications r ${JOIN}
        WHERE ${where.join(' AND ')}
        ORDER BY r.created_at, r.id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const total = await totalBehind(rows, this.dataSource, count, params.slice(0, -2));
    return { items: rows.map((row) => toView(row, this.read)), total };
  }

  async findForIntegration(brandId: string, appIntegrationId: string): Promise<IntegrationAuthenticationView[]> {
    const rows: IntegrationAuthenticationRow[] = await this.dataSource.query(
      `SELECT ${VIEW_COLUMNS} FROM integration_authentications r ${JOIN}
        WHERE r.brand_id = $1 AND r.app_integration_id = $2
        ORDER BY r.is_default DESC, r.created_at, r.id LIMIT 2`,
      [brandId, appIntegrationId],
    );
    return rows.map((row) => toView(row, this.read));
  }

  async delete(brandId: string, id: string, at: Date, change: ChangeContext, expectedVersions?: readonly number[]): Promise<void> {
    // Wrapped in a SELECT: for a bare DELETE, TypeORM answers [rows, rowCount], whose length is always 2.
    const rows: unknown[] = await this.dataSource.query(DELETE_SQL, [
      id, brandId, expectedVersions ?? null, at, change.actor.kind, change.actor.id, change.correlationId,
    ]);
    if (rows.length > 0) return;
    if (expectedVersions !== undefined && (await this.findById(brandId, id)) !== null) throw new VersionMismatchError();
    throw new IntegrationAuthenticationNotFoundError();
  }

  /** A replacement, or the result of an update (whose settings the entity validated). */
  private async replaceWith(run: PoolQuery, replacement: StoredReplacement): Promise<IntegrationAuthenticationView> {
    const { brandId, id, settings, at, expectedVersions, change } = replacement;
    const params = [
      id, brandId, expectedVersions ?? null, ...settingsParams({ brandId, id }, settings, this.cipher, at), ...auditParams(settings, this.cipher, change)];
    const rows = await this.write(run, REPLACE_SQL, params, settings);
    return toView(rows[0], this.read, settings.clientSecret);
  }

  private async write(
    run: PoolQuery,
    sql: string,
    params: unknown[],
    settings: StoredSettings,
  ): Promise<IntegrationAuthenticationRow[]> {
    // No catalog id has another shape, and a longer one would not fit the column (varchar(18): 22001, a 500), not even to fail its foreign key.
    if (!isBase62Id(settings.appIntegrationId)) throw new AppIntegrationNotFoundError(settings.appIntegrationId);
    try {
      return await run<IntegrationAuthenticationRow>(sql, params);
    } catch (error) {
      const { code: sqlState, constraint } = pgError(error);
      if (sqlState === ROW_NOT_FOUND) throw new IntegrationAuthenticationNotFoundError();
      if (sqlState === VERSION_MISMATCH) throw new VersionMismatchError();
      if (sqlState === FOREIGN_KEY_VIOLATION && constraint === 'fk_integration_authentications_app_integration') {
        throw new AppIntegrationNotFoundError(settings.appIntegrationId);
      }
      if (sqlState === UNIQUE_VIOLATION && constraint === 'uq_integration_authentications_brand_code') {
        throw new IntegrationAuthenticationCodeTakenError(settings.code);
      }
      throw error;
    }
  }
}
