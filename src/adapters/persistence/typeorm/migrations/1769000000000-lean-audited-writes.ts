import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cheaper audited writes, same results (docs/performance.md, "The cost of
 * audit and outbox").
 *
 * 1. The enumerated CHECK constraints of audit_entries and outbox_events,
 *    which every write now inserts into, become domains. PostgreSQL re-reads
 *    a table's CHECK expressions from their stored text and plans them again
 *    at every statement that writes a row
 *    (ExecRelCheck → stringToNode → expression_planner); a domain's checks are
 *    planned once per connection and kept in the type cache. Measured on one
 *    backend, 5,000 inserts into audit_entries: 28–37 µs each with its three
 *    CHECKs, 13–16 µs with the same rules as domains (14 µs with no rule at
 *    all). The allowed values and the error (SQLSTATE 23514) stay the same.
 *    Changing the column type rewrites the table once, under this migration's
 *    lock. The resource tables keep their CHECKs: their rows are what the hot
 *    named statements return (`SELECT r.*`), and a column whose type changes
 *    under a running instance makes its prepared statements fail ("cached
 *    plan must not change result type") until its connections are replaced —
 *    a rolling upgrade would answer 5xx. Nothing reads the audit and outbox
 *    tables through named statements.
 * 2. The write functions that return one row say so (ROWS 1): with the
 *    default estimate of 1,000 rows the planner joined their result to the
 *    catalog with a hash join, built for every call.
 * 3. The field-level changes of a configuration are compared column by column
 *    in one expression, and only changed fields are built as JSON (before: both
 *    rows built as JSON objects, then a PL/pgSQL loop over 15 fields). The
 *    result is the same array, in the same order.
 */
const DOMAINS: ReadonlyArray<{ domain: string; base: string; values: readonly string[]; columns: ReadonlyArray<{ table: string; column: string; check: string }> }> = [
  {
    domain: 'ih_surface', base: 'varchar(8)', values: ['jfw', 'portal'],
    columns: [
      { table: 'audit_entries', column: 'surface', check: 'audit_entries_surface_check' },
      { table: 'outbox_events', column: 'surface', check: 'outbox_events_surface_check' },
    ],
  },
  {
    domain: 'ih_actor_kind', base: 'varchar(16)', values: ['brand-key', 'portal-admin', 'cli', 'job'],
    columns: [{ table: 'audit_entries', column: 'actor_kind', check: 'audit_entries_actor_kind_check' }],
  },
  {
    domain: 'ih_audit_action', base: 'varchar(16)',
    values: ['created', 'updated', 'deleted', 'provisioned', 'approved', 'rejected', 'rotated', 'revoked', 'reencrypted'],
    columns: [{ table: 'audit_entries', column: 'action', check: 'audit_entries_action_check' }],
  },
];

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** The configuration's audited fields, as the surface names them, in the order an entry lists them. */
const FIELDS: ReadonlyArray<[string, string]> = [
  ['appIntegrationId', 'app_integration_id'], ['code', 'code'], ['name', 'name'], ['projectId', 'project_id'],
  ['clientId', 'client_id'], ['redirectURI', 'redirect_uri'], ['scope', 'scope'], ['authEndpoint', 'auth_endpoint'],
  ['tokenEndpoint', 'token_endpoint'], ['iconURL', 'icon_url'], ['tags', 'tags'], ['description', 'description'],
  ['status', 'status'], ['isDefault', 'is_default'],
];

// A creation has no old row and a deletion no new one (NULL rows: every column NULL), as ih_changes treated them.
// The secret is compared by digest only; a row without a digest (older than digests) counts as changed on an update.
const COLUMN_CHANGES = `
  CREATE OR REPLACE FUNCTION ih_integration_authentication_changes(o integration_authentications, n integration_authentications)
  RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
  BEGIN
    RETURN (SELECT coalesce(jsonb_agg(c ORDER BY i), '[]') FROM unnest(ARRAY[
${FIELDS.map(([field, column]) => `      CASE WHEN o.${column} IS DISTINCT FROM n.${column}
           THEN jsonb_build_object('field', '${field}', 'from', o.${column}, 'to', n.${column}) END,`).join('\n')}
      CASE WHEN o.client_secret_digest IS DISTINCT FROM n.client_secret_digest
             OR (o.id IS NOT NULL AND n.id IS NOT NULL AND n.client_secret_digest IS NULL)
           THEN jsonb_build_object('field', 'clientSecret', 'changed', true) END
    ]) WITH ORDINALITY AS t(c, i) WHERE c IS NOT NULL);
  END $$`;

const JSON_CHANGES = `
  CREATE OR REPLACE FUNCTION ih_integration_authentication_changes(o integration_authentications, n integration_authentications)
  RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
  BEGIN
    RETURN ih_changes(ih_integration_authentication_audited_fields(o), ih_integration_authentication_audited_fields(n),
      ARRAY['appIntegrationId', 'code', 'name', 'projectId', 'clientId', 'redirectURI', 'scope', 'authEndpoint',
            'tokenEndpoint', 'iconURL', 'tags', 'description', 'status', 'isDefault'],
      ARRAY['clientSecret']);
  END $$`;

const ONE_ROW_FUNCTIONS = ['ih_replace_integration_authentication_audited', 'ih_insert_integration_authentication_audited'];

export class LeanAuditedWrites1769000000000 implements MigrationInterface {
  name = 'LeanAuditedWrites1769000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const { domain, base, values, columns } of DOMAINS) {
      await q.query(`CREATE DOMAIN ${domain} AS ${base} CONSTRAINT ${domain}_check CHECK (VALUE IN (${list(values)}))`);
      for (const { table, column, check } of columns) {
        await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${check}, ALTER COLUMN ${column} TYPE ${domain}`);
      }
    }
    for (const fn of ONE_ROW_FUNCTIONS) await q.query(`ALTER FUNCTION ${fn} ROWS 1`);
    await q.query(COLUMN_CHANGES);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(JSON_CHANGES);
    for (const fn of ONE_ROW_FUNCTIONS) await q.query(`ALTER FUNCTION ${fn} ROWS 1000`);
    for (const { domain, base, values, columns } of [...DOMAINS].reverse()) {
      for (const { table, column, check } of columns) {
        await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} TYPE ${base},
          ADD CONSTRAINT ${check} CHECK (${column} IN (${list(values)}))`);
      }
      await q.query(`DROP DOMAIN ${domain}`);
    }
  }
}
