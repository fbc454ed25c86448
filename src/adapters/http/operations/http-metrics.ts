import type { Middleware } from 'koa';
import { Counter, Histogram, LabelValues, Registry } from 'prom-client';
import { routeTemplateOf } from '../shared/router-helpers';

type Labels = 'method' | 'route' | 'status';
/** The counter and histogram children of one (method, route, status). */
interface Series {
  readonly requests: { inc(): void };
  readonly duration: { observe(seconds: number): void };
}

/** Request count and latency by route template and status, on a registry of its own. */
export class HttpMetrics {
  private readonly requests: Counter<Labels>;
  private readonly duration: Histogram<Labels>;

  constructor(readonly registry: Registry) {
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency in seconds, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
  }

  /**
   * prom-client's children of each label set, kept, so a request builds no
   * label object and no status string (prom-client still hashes the label
   * values inside each call). Bounded like the label sets themselves.
   */
  // Keyed route → status → method, so a request builds no key string either.
  private readonly series = new Map<string, Map<number, Map<string, Series>>>();

  private seriesOf(method: string, route: string, status: number): Series {
    let byStatus = this.series.get(route);
    if (byStatus === undefined) this.series.set(route, (byStatus = new Map()));
    let byMethod = byStatus.get(status);
    if (byMethod === undefined) byStatus.set(status, (byMethod = new Map()));
    let found = byMethod.get(method);
    if (found === undefined) {
      const labels: LabelValues<Labels> = { method, route, status: String(status) };
      found = { requests: this.requests.labels(labels), duration: this.duration.labels(labels) };
      byMethod.set(method, found);
    }
    return found;
  }

  /** Route templates, not raw paths, keep the label set bounded whatever clients send. */
  middleware(): Middleware {
    return async (ctx, next) => {
      const started = process.hrtime.bigint();
      try {
        await next();
      } finally {
        const series = this.seriesOf(ctx.method, routeTemplateOf(ctx), ctx.status);
        series.requests.inc();
        series.duration.observe(Number(process.hrtime.bigint() - started) / 1e9);
      }
    };
  }
}
