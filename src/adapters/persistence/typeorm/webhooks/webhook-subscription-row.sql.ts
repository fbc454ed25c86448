import { WebhookSubscription } from '../../../../domain/webhooks/webhook-subscription';

/** A webhook_subscriptions row as every statement of the repository returns it (never the secret). */
export interface SubscriptionRow {
  id: string;
  surface: 'jfw' | 'portal';
  brand_id: string | null;
  url: string;
  event_types: string[];
  description: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  disabled_at: Date | null;
}

/** The select list of SubscriptionRow: bare, over an alias, and over `s` (a CTE of the written row). */
export const COLUMNS = `id, surface, brand_id, url, event_types, description, version, created_at, updated_at, disabled_at`;
export const columnsOf = (alias: string): string => COLUMNS.split(', ').map((c) => `${alias}.${c}`).join(', ');
export const S_COLUMNS = columnsOf('s');

export function toSubscription(row: SubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    scope: row.surface === 'jfw' ? { surface: 'jfw', brandId: row.brand_id! } : { surface: 'portal' },
    url: row.url,
    eventTypes: row.event_types,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    disabledAt: row.disabled_at,
    version: row.version,
  };
}
