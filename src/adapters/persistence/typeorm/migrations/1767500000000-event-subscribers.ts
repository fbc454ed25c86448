import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * In-process event subscribers of an embedding host (EventSubscriber port,
 * docs/events-and-audit.md "Embedding and tests"): the runner records each by
 * name with the event types it wants, so that the outbox trigger queues a
 * dispatch for an event only they want, and the dispatch queues one
 * ih_notify_subscriber job per subscriber — a subscriber that fails is
 * retried alone by the queue. A subscriber stays registered when its process
 * stops (the events in between wait for it); a host that drops one deletes
 * its row.
 */
const ENQUEUE_DISPATCH = (alsoSubscribers: boolean) => `
  CREATE OR REPLACE FUNCTION ih_enqueue_event_dispatch() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF EXISTS (SELECT 1 FROM webhook_subscriptions s
                WHERE s.surface = NEW.surface AND s.brand_id IS NOT DISTINCT FROM NEW.brand_id
                  AND NEW.type = ANY (s.event_types) AND s.disabled_at IS NULL)${alsoSubscribers ? `
       OR EXISTS (SELECT 1 FROM event_subscribers es WHERE cardinality(es.event_types) = 0 OR NEW.type = ANY (es.event_types))` : ''} THEN
      PERFORM graphile_worker.add_job('ih_dispatch_event', json_build_object('eventId', NEW.id), max_attempts := 25);
    ELSE
      NEW.dispatched_at := NEW.occurred_at;
    END IF;
    RETURN NEW;
  END $$`;

const DISPATCH_BEFORE = `
  CREATE OR REPLACE FUNCTION ih_dispatch_event(p_event_id varchar, p_now timestamptz) RETURNS integer LANGUAGE plpgsql AS $$
  DECLARE queued integer;
  BEGIN
    WITH event AS (
      UPDATE outbox_events SET dispatched_at = p_now WHERE id = p_event_id AND dispatched_at IS NULL RETURNING *),
    made AS (
      INSERT INTO webhook_deliveries (event_id, subscription_id, status, attempts, schedule_started_at, next_attempt_at, created_at, updated_at)
      SELECT e.id, s.id, 'pending', 0, p_now, p_now, p_now, p_now
        FROM event e JOIN webhook_subscriptions s
          ON s.surface = e.surface AND s.brand_id IS NOT DISTINCT FROM e.brand_id
         AND e.type = ANY (s.event_types) AND s.disabled_at IS NULL
      ON CONFLICT (event_id, subscription_id) DO NOTHING
      RETURNING id)
    SELECT count(*) FILTER (WHERE ih_schedule_webhook_attempt(made.id, 1, p_now)) INTO queued FROM made;
    RETURN queued;
  END $$`;

// As before, plus one job per in-process subscriber that wants the event, in the same transaction as the deliveries.
const DISPATCH_WITH_SUBSCRIBERS = `
  CREATE OR REPLACE FUNCTION ih_dispatch_event(p_event_id varchar, p_now timestamptz) RETURNS integer LANGUAGE plpgsql AS $$
  DECLARE
    queued integer;
    ev outbox_events%ROWTYPE;
  BEGIN
    UPDATE outbox_events SET dispatched_at = p_now WHERE id = p_event_id AND dispatched_at IS NULL RETURNING * INTO ev;
    IF NOT FOUND THEN
      RETURN 0;
    END IF;
    WITH made AS (
      INSERT INTO webhook_deliveries (event_id, subscription_id, status, attempts, schedule_started_at, next_attempt_at, created_at, updated_at)
      SELECT ev.id, s.id, 'pending', 0, p_now, p_now, p_now, p_now
        FROM webhook_subscriptions s
       WHERE s.surface = ev.surface AND s.brand_id IS NOT DISTINCT FROM ev.brand_id
         AND ev.type = ANY (s.event_types) AND s.disabled_at IS NULL
      ON CONFLICT (event_id, subscription_id) DO NOTHING
      RETURNING id)
    SELECT count(*) FILTER (WHERE ih_schedule_webhook_attempt(made.id, 1, p_now)) INTO queued FROM made;
    PERFORM graphile_worker.add_job('ih_notify_subscriber', json_build_object('eventId', ev.id, 'subscriber', es.name), max_attempts := 25)
       FROM event_subscribers es
      WHERE cardinality(es.event_types) = 0 OR ev.type = ANY (es.event_types);
    RETURN queued;
  END $$`;

export class EventSubscribers1767500000000 implements MigrationInterface {
  name = 'EventSubscribers1767500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_subscribers (
        name varchar(64) PRIMARY KEY,
        event_types text[] NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(ENQUEUE_DISPATCH(true));
    await q.query(DISPATCH_WITH_SUBSCRIBERS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(DISPATCH_BEFORE);
    await q.query(ENQUEUE_DISPATCH(false));
    await q.query(`DROP TABLE event_subscribers`);
  }
}
