import { DataSource } from 'typeorm';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { HttpMetrics } from '../adapters/http/operations/http-metrics';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Process metrics, HTTP metrics, and the pg pool's usage, on one registry per app. */
export function createMetrics(dataSource?: DataSource): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const pool = () => (dataSource?.driver as { master?: PgPool } | undefined)?.master;
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
