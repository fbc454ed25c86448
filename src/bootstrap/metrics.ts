import { DataSource } from 'typeorm';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { HttpMetrics } from '../adapters/http/operations/http-metrics';
import { pgPool } from '../adapters/persistence/typeorm/pool-query';

/** Process metrics, HTTP metrics, the pg pool's usage and unreadable secrets, on one registry per app. */
export function createMetrics(dataSource?: DataSource, unreadableSecrets?: { readonly count: number }): HttpMetrics {
  const registry = new Registry();
  if (unreadableSecrets !== undefined) {
    new Counter({
      name: 'stored_secrets_undecryptable_total',
      help: 'Stored secrets that could not be decrypted with the configured keys and were answered as null',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(unreadableSecrets.count);
      },
    });
  }
  collectDefaultMetrics({ register: registry });
  // Before initialize() and after destroy() there is no pool to report on.
  const pool = () => (dataSource?.isInitialized ? pgPool(dataSource) : undefined);
  new Gauge({
    name: 'db_pool_connections',
    help: 'PostgreSQL pool connections by state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const p = pool();
      if (!p) return;
      this.set({ state: 'total' }, p.totalCount);
      this.set({ state: 'idle' }, p.idleCount);
      this.set({ state: 'waiting' }, p.waitingCount);
    },
  });
  return new HttpMetrics(registry);
}
