import type { DataSource } from 'typeorm';

/** Who the seeded entries belong to: a brand's (surface jfw) or the portal's; resource_id is `${resourcePrefix}${i % resources}`. */
export interface SeededOwner {
  readonly surface: 'jfw' | 'portal';
  readonly brandId: string | null;
  readonly resourceType: string;
  readonly resourcePrefix: string;
}

/**
 * `count` audit entries in one statement, a second apart up to now, spread
 * evenly over `resources` resources (`…0`, `…1`, …). As the test database's
 * owner: the service's own role may only append through its writes.
 */
export async function seedAuditEntries(db: DataSource, owner: SeededOwner, count: number, resources = 1): Promise<void> {
  await db.query(
    `INSERT INTO audit_entries (at, surface, brand_id, actor_kind, action, resource_type, resource_id, changes)
     SELECT now() - (($5::int - i) * interval '1 second'), $1, $2, 'cli', 'updated', $3, $4 || (i % $6::int)::text, '[]'
       FROM generate_series(1, $5::int) AS i`,
    [owner.surface, owner.brandId, owner.resourceType, owner.resourcePrefix, count, resources]);
}

/** Removes what seedAuditEntries made: the trail is append-only, but its purge switch lets the owner delete in one transaction. */
export async function dropSeededAuditEntries(db: DataSource, owner: SeededOwner): Promise<void> {
  await db.transaction(async (m) => {
    await m.query(`SELECT set_config('ih.audit_purge', 'on', true)`);
    await m.query(`DELETE FROM audit_entries WHERE resource_type = $1 AND resource_id LIKE $2 || '%'`, [owner.resourceType, owner.resourcePrefix]);
  });
}
