import type { EntityManager } from 'typeorm';
import { ChangeContext } from '../../../domain/audit/change-context';
import { RecordedChange } from '../../../domain/audit/recorded-change';
import { PoolQuery } from './pool-query';

/** ih_record_change's actor kind, actor id and correlation id, in that order (the statements keep them adjacent). */
export function actorParams(change: ChangeContext): [string, string | null, string | null] {
  return [change.actor.kind, change.actor.id, change.correlationId];
}

/**
 * Records a write's audit entry and events inside the transaction of the
 * write (`run` is the transaction's query), for writes whose entry is
 * computed from entities the transaction already holds: one statement for
 * the entry and first event, one per further event.
 */
export async function recordChange(run: PoolQuery, recorded: RecordedChange, change: ChangeContext): Promise<void> {
  const [first, ...more] = recorded.events ?? [];
  const rows = await run<{ audit_id: string }>(
    `SELECT ih_record_change($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12::jsonb) AS audit_id`,
    [
      recorded.at, recorded.surface, recorded.brandId, ...actorParams(change).slice(0, 2), recorded.action,
      recorded.resource.type, recorded.resource.id, JSON.stringify(recorded.changes), change.correlationId,
      first?.type ?? null, first === undefined ? null : JSON.stringify(first.data),
    ],
  );
  for (const event of more) {
    const resource = event.resource ?? recorded.resource;
    await run(`SELECT ih_record_event($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`, [
      recorded.at, recorded.surface, recorded.brandId, event.type, resource.type, resource.id, rows[0]!.audit_id, JSON.stringify(event.data),
    ]);
  }
}

/** A transaction's EntityManager as a PoolQuery, for recordChange inside it. */
export function managerQuery(manager: EntityManager): PoolQuery {
  return <Row>(sql: string, params: readonly unknown[]) => manager.query(sql, params as unknown[]) as Promise<Row[]>;
}
