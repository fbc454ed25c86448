import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { pgPool } from '../../src/adapters/persistence/typeorm/pool-query';
import { GraphileWorkerJobRunner } from '../../src/adapters/job-queue/graphile-worker.job-runner';
import { jobHandlers, WEBHOOK_JOBS } from '../../src/adapters/job-queue/job-table';
import { resolveFrom } from './resolve-from';
import { SafeOutboundHttp } from '../../src/adapters/outbound-http/safe-outbound-http';
import { TypeOrmWebhookDeliveryStore } from '../../src/adapters/persistence/typeorm/webhooks/typeorm-webhook-delivery.store';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../../src/adapters/system/aes-gcm-secret-cipher';
import { SystemClock } from '../../src/adapters/system/system-clock';
import { StandardWebhooksSigner } from '../../src/adapters/webhooks/standard-webhooks.signer';
import { DeliverWebhookAttempt } from '../../src/application/webhooks/deliver-webhook-attempt.use-case';
import { DispatchOutboxEvent } from '../../src/application/webhooks/dispatch-outbox-event.use-case';

/**
 * A queue runner in a process of its own, for tests that kill it:
 * `node dist/test/support/job-queue-child.js <database url>` with
 * CHILD_SECRET_KEY in the environment. Prints "ready <pool id>" once it runs.
 */
async function main(): Promise<void> {
  const dataSource = new DataSource({ type: 'postgres', url: process.argv[2], extra: { max: 4 } });
  await dataSource.initialize();
  const pool = pgPool(dataSource);
  const store = new TypeOrmWebhookDeliveryStore(dataSource, new AesGcmSecretCipher(cipherKeyFromBase64(process.env.CHILD_SECRET_KEY ?? '')));
  const clock = new SystemClock();
  const http = new SafeOutboundHttp({ allowPrivate: true, timeoutMs: 60_000 });
  const runner = new GraphileWorkerJobRunner({
    pgPool: pool,
    handlers: jobHandlers(WEBHOOK_JOBS, resolveFrom(new DispatchOutboxEvent(store, clock), new DeliverWebhookAttempt(store, http, new StandardWebhooksSigner(), clock, {}))),
    pollIntervalMs: 100,
    log: () => undefined,
  });
  await runner.start();
  process.stdout.write(`ready ${runner.workerPoolId}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
