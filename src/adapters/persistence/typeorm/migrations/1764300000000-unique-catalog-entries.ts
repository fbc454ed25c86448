import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One catalog entry per type and name (names compared case-insensitively):
 * `app-integrations:create` run twice used to make two "Stripe" entries that
 * brands could not tell apart.
 *
 * Entries already made twice keep their rows, since configurations point at
 * them by id; all but the oldest of each group get " (duplicate n)" appended
 * to their name so the index can be built and an operator can see which to
 * retire.
 */
export class UniqueCatalogEntries1764300000000 implements MigrationInterface {
  name = 'UniqueCatalogEntries1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      WITH ranked AS (
        SELECT id, row_number() OVER (PARTITION BY type, lower(name) ORDER BY created_at, id) AS n
        FROM app_integrations
      )
      UPDATE app_integrations a
      SET name = left(a.name, 180) || ' (duplicate ' || (r.n - 1) || ')'
      FROM ranked r
      WHERE a.id = r.id AND r.n > 1`);
    await q.query(`CREATE UNIQUE INDEX uq_app_integrations_type_name ON app_integrations (type, lower(name))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_app_integrations_type_name`);
  }
}
