import { Client } from 'pg';
import { AuthChange, AuthChangeFeed } from '../../../application/ports/auth-change-feed';
import { AUTH_CHANGE_CHANNEL } from './auth-change-channel';

export interface PgAuthChangeListenerOptions {
  /** The database the instance uses (the runtime role is enough: LISTEN needs no grant). */
  readonly url: string;
  /** Connection state changes, for the log; never given a secret. */
  readonly log?: (level: 'info' | 'warn', message: string, fields?: Record<string, unknown>) => void;
  /** How often the idle connection is checked (a half-open or frozen one is otherwise silent). Default 10 s. */
  readonly checkEveryMs?: number;
  /** Longest pause between reconnection attempts. Default 1 s: the feed is back within about a second of its database. */
  readonly maxBackoffMs?: number;
}

/** 100 ms, doubling, capped: quick after a blip, one attempt per `maxMs` during a long outage. */
export function reconnectDelay(attempt: number, maxMs: number): number {
  return Math.min(100 * 2 ** Math.max(0, attempt), maxMs);
}

/** `{"brand":"<url>"}` or `{"portalAdmin":<id>}`; anything else (say, a newer schema's) drops everything, to be safe. */
export function parseAuthChange(payload: string | undefined): AuthChange {
  try {
    const parsed = JSON.parse(payload ?? '') as { brand?: unknown; portalAdmin?: unknown };
    if (typeof parsed.brand === 'string') return { kind: 'brand', url: parsed.brand };
    if (typeof parsed.portalAdmin === 'number') return { kind: 'portal-admin', id: parsed.portalAdmin };
  } catch {
    // not JSON: falls through
  }
  return { kind: 'everything' };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms).unref());

/**
 * LISTENs for the schema's auth-change notifications on a connection of its
 * own — not from the pool: a pooled connection goes back to the pool and its
 * LISTEN with it. When the connection ends (a database restart, a network
 * cut) or fails its periodic check, it reports `offline` — notifications
 * sent meanwhile are lost, so the caches drop everything and store nothing
 * until it is back — and reconnects with a capped backoff, LISTENs again,
 * then reports `everything` (caching resumes from empty). Hand-written rather
 * than `pg-listen`: ADR 11 says why.
 */
export class PgAuthChangeListener implements AuthChangeFeed {
  private readonly handlers = new Set<(change: AuthChange) => void>();
  private client: Client | undefined;
  private checker: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(private readonly options: PgAuthChangeListenerOptions) {}

  /** Connects and LISTENs before answering, so a started listener misses nothing; fails if the database is away. */
  static async start(options: PgAuthChangeListenerOptions): Promise<PgAuthChangeListener> {
    const listener = new PgAuthChangeListener(options);
    await listener.connect();
    return listener;
  }

  subscribe(onChange: (change: AuthChange) => void): () => void {
    this.handlers.add(onChange);
    return () => this.handlers.delete(onChange);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.checker);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private emit(change: AuthChange): void {
    for (const handler of this.handlers) handler(change);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: 5_000,
      // The periodic check must fail, not hang, on a frozen server.
      query_timeout: 5_000,
      keepAlive: true,
      application_name: 'integration-hub-listener',
    });
    client.on('error', () => this.lost(client)); // also followed by 'end'; lost() acts once per connection
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (message.channel === AUTH_CHANGE_CHANNEL) this.emit(parseAuthChange(message.payload));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_CHANGE_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) return void client.end().catch(() => undefined);
    this.client = client;
    this.checker = setInterval(() => {
      client.query('SELECT 1').catch(() => this.lost(client));
    }, this.options.checkEveryMs ?? 10_000).unref();
    this.emit({ kind: 'everything' });
  }

  /** Called for the current connection only, once: drops it and reconnects until it succeeds or close() is called. */
  private lost(client: Client): void {
    if (client !== this.client || this.closed) return;
    this.client = undefined;
    clearInterval(this.checker);
    void client.end().catch(() => undefined);
    this.emit({ kind: 'offline' });
    this.options.log?.('warn', 'auth change listener lost its connection: auth lookups uncached until it is back');
    void this.reconnect(Date.now());
  }

  private async reconnect(lostAt: number): Promise<void> {
    const maxBackoff = this.options.maxBackoffMs ?? 1_000;
    for (let attempt = 0; !this.closed; attempt++) {
      await sleep(reconnectDelay(attempt, maxBackoff));
      if (this.closed) return;
      try {
        await this.connect();
        this.options.log?.('info', 'auth change listener reconnected: caches flushed', { afterMs: Date.now() - lostAt, attempts: attempt + 1 });
        return;
      } catch {
        // still away: the next attempt after the next delay
      }
    }
  }
}
