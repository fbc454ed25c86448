import { randomBytes } from 'node:crypto';
import { Container } from 'inversify';
import type Koa from 'koa';
import type { DataSource } from 'typeorm';
import { CreateBrandKey } from '../../src/application/brand/create-brand-key.use-case';
import { CreateBrand } from '../../src/application/brand/create-brand.use-case';
import { createContainer } from '../../src/bootstrap/container';
import type { WebhookOptions } from '../../src/bootstrap/modules/webhooks.module';
import { NO_RATE_LIMITS, RateLimitSettings } from '../../src/adapters/http/shared/rate-limits';
import { buildHttpApp, type HttpSettings } from '../../src/bootstrap/http-app.factory';
import { RecordingLogger } from './recording-logger';
import { rememberLogger, rememberSecret } from './suite-secrets';
import { testDatabase } from './test-database';
import { TEST_CHANGE } from './change';

export const TEST_SECRET_KEY = randomBytes(32).toString('base64');
rememberSecret(TEST_SECRET_KEY);

export interface TestApp {
  readonly app: Koa;
  readonly server: ReturnType<Koa['callback']>;
  readonly container: Container;
  readonly logger: RecordingLogger;
}

/**
 * The real Koa app on the shared test PostgreSQL. Rate limits are off unless
 * a test asks for them: suites send thousands of requests with one key.
 */
export function createTestApp(
  options: {
    rateLimits?: RateLimitSettings; dbTimeoutMs?: number; dataSource?: DataSource; webhooks?: WebhookOptions;
    jobQueueState?: HttpSettings['jobQueueState']; jobQueueProblem?: HttpSettings['jobQueueProblem']; trustedProxies?: readonly string[];
  } = {},
): TestApp {
  const dataSource = options.dataSource ?? testDatabase().dataSource;
  const container = createContainer({ persistence: { kind: 'typeorm', dataSource }, secretKey: TEST_SECRET_KEY, webhooks: options.webhooks });
  const logger = rememberLogger(new RecordingLogger());
  const app = buildHttpApp(container, logger, dataSource, {
    rateLimits: options.rateLimits ?? NO_RATE_LIMITS,
    dbTimeoutMs: options.dbTimeoutMs,
    jobQueueState: options.jobQueueState,
    jobQueueProblem: options.jobQueueProblem,
    trustedProxies: options.trustedProxies,
  });
  return { app, server: app.callback(), container, logger };
}

let brandCounter = 0;

/** A fresh brand and key; headers ready for supertest's `.set()`. */
export async function aBrandWithKey(container: Container): Promise<{ brandId: string; url: string; headers: Record<string, string> }> {
  const url = `brand-${process.pid}-${Date.now().toString(36)}-${++brandCounter}.example.com`;
  const brand = await container.get(CreateBrand).execute({ change: TEST_CHANGE, url });
  const { authKey } = await container.get(CreateBrandKey).execute({ change: TEST_CHANGE, brandUrl: url });
  rememberSecret(authKey);
  return { brandId: brand.id, url, headers: { 'Brand-URL': url, 'Auth-Key': authKey } };
}
