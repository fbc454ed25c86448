import { DataSource } from 'typeorm';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { HttpMetrics } from '../adapters/http/operations/http-metrics';
import { pgPool } from '../adapters/persistence/typeorm/pool-query';

/** Process metrics, HTTP metrics, and the pg pool's usage, on one registry per app. */
export function createMetrics(dataSource?: DataSource): HttpMetrics {
  const registry = new Registry();
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
