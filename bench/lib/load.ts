import autocannon from 'autocannon';
import { Workload } from './workload';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/**
 * Drives the workload's PUTs over loopback with a fixed number of
 * connections, rotating over the seeded rows (each body keeps its row's own
 * code). Bodies are built once so the load generator spends its 2-core share
 * on sockets, not JSON.
 */
export async function drivePut(
  baseUrl: string,
  workload: Workload,
  options: { connections: number; durationSeconds: number; isDefault: boolean; /** Stop after this many requests instead of after the duration. */ amount?: number },
): Promise<LoadResult> {
  const headers = workload.headers;
  const prepared = workload.requests(options.isDefault);
  let next = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    ...(options.amount === undefined ? { duration: options.durationSeconds } : { amount: options.amount }),
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        method: 'PUT',
        setupRequest: (request) => {
          const pick = prepared[next++ % prepared.length];
          return { ...request, method: 'PUT', path: pick.path, headers, body: pick.body };
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
