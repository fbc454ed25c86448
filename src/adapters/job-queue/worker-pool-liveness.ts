import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';

/**
 * Frees the jobs of instances that died without releasing them.
 *
 * graphile-worker locks a job with its worker pool's id until the job ends;
 * a process killed mid-job (SIGKILL, OOM, power) leaves it locked for 4 h
 * (crash detection is in its paid edition). PostgreSQL already knows which
 * clients are gone: a session's advisory locks end with its connection. So
 * each instance holds a session advisory lock keyed by its pool id on one
 * connection of its own and records the id; whoever can take another
 * instance's lock knows that instance is dead, and calls
 * graphile_worker.force_unlock_workers() for it — the release the library
 * documents for exactly this case.
 *
 * The held connection asks the server for TCP keepalives, so a peer that
 * vanished without closing its socket is noticed in about a minute rather
 * than the operating system's two hours.
 */
export class WorkerPoolLiveness {
  private client: PoolClient | undefined;
  private poolId: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly options: { readonly sweepIntervalMs?: number; readonly onError?: (error: Error) => void } = {},
  ) {}

  /** Marks `poolId` alive for as long as this process holds its connection, then sweeps now and every interval. */
  async register(poolId: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query(`SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3`);
      await client.query(`SELECT pg_advisory_lock($1)`, [lockKey(poolId)]);
      await client.query(`INSERT INTO job_worker_pools (pool_id, lock_key) VALUES ($1, $2)`, [poolId, lockKey(poolId)]);
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    this.client = client;
    this.poolId = poolId;
    await this.sweep();
    this.timer = setInterval(() => {
      this.sweep().catch((error: Error) => this.options.onError?.(error));
    }, this.options.sweepIntervalMs ?? 60_000);
    this.timer.unref();
  }

  /** Frees the jobs of every registered pool whose session is gone (ih_release_dead_worker_pools); answers their ids. */
  async sweep(): Promise<string[]> {
    const { rows } = await this.pool.query<{ freed: string[] }>(`SELECT ih_release_dead_worker_pools($1) AS freed`, [this.poolId ?? null]);
    return rows[0].freed;
  }

  /**
   * After the runner stopped: forget this pool and let its connection go.
   * A runner stopped by stop() released its jobs already; one that ended by
   * itself (the database gone while a job finished) may still lock one, and
   * is known dead, so its jobs are released here.
   */
  async unregister(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    const client = this.client;
    const poolId = this.poolId;
    this.client = undefined;
    if (client === undefined || poolId === undefined) return;
    try {
      await client.query(`SELECT graphile_worker.force_unlock_workers($1)`, [[poolId]]);
      await client.query(`DELETE FROM job_worker_pools WHERE pool_id = $1`, [poolId]);
      await client.query(`SELECT pg_advisory_unlock($1)`, [lockKey(poolId)]);
      client.release();
    } catch (error) {
      // A broken connection ends the session, and with it the lock: the next sweep anywhere tidies up.
      client.release(error as Error);
    }
  }
}

/** A stable signed 64-bit key for the pool id (advisory locks take a bigint). */
function lockKey(poolId: string): string {
  return createHash('sha256').update(`graphile-worker-pool:${poolId}`).digest().readBigInt64BE(0).toString();
}
