import { DataSource } from 'typeorm';
import { OutboxEvents, PublishedEvent } from '../../../../application/ports/event-subscriber';

interface EventRow {
  id: string;
  type: string;
  surface: 'jfw' | 'portal';
  brand_id: string | null;
  occurred_at: Date;
  body: string;
}

/** outbox_events read back for in-process subscribers; event_subscribers says who wants which types. */
export class TypeOrmOutboxEvents implements OutboxEvents {
  constructor(private readonly dataSource: DataSource) {}

  async get(eventId: string): Promise<PublishedEvent | null> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT id, type, surface, brand_id, occurred_at, body FROM outbox_events WHERE id = $1`, [eventId]);
    const row = rows[0];
    return row === undefined ? null : { id: row.id, type: row.type, surface: row.surface, brandId: row.brand_id, occurredAt: row.occurred_at, body: row.body };
  }

  async register(subscribers: readonly { readonly name: string; readonly eventTypes: readonly string[] }[]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO event_subscribers (name, event_types)
       SELECT name, ARRAY(SELECT jsonb_array_elements_text(types)) FROM jsonb_to_recordset($1::jsonb) AS s(name text, types jsonb)
       ON CONFLICT (name) DO UPDATE SET event_types = EXCLUDED.event_types, registered_at = now()`,
      [JSON.stringify(subscribers.map((s) => ({ name: s.name, types: s.eventTypes })))],
    );
  }
}
