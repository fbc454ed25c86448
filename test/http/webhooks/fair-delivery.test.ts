import { expect } from 'chai';
import request from 'supertest';
import { GraphileWorkerJobRunner } from '../../../src/adapters/job-queue/graphile-worker.job-runner';
import { SafeOutboundHttp } from '../../../src/adapters/outbound-http/safe-outbound-http';
import { startJobRunner } from '../../../src/bootstrap/job-runner';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { rememberSecret } from '../../support/suite-secrets';
import { testDatabase } from '../../support/test-database';
import { startWebhookReceiver, WebhookReceiver } from '../../support/webhook-receiver';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import { eventually } from '../../support/eventually';

const CREATED = 'integration-authentication.created';
type Brand = Awaited<ReturnType<typeof aBrandWithKey>>;

/**
 * The attack this answers: a brand points its subscriptions at receivers
 * that never answer and writes a lot, so its deliveries wait out their
 * timeout one after another. With 4 slots, one owner may run 1 delivery and
 * deliveries 3 slots at most (jobFlagLimits): another brand's delivery, and
 * any other job, still finds a slot while the first brand's hang.
 * The receivers hold every request for the whole test (the timeout is set
 * beyond it), so what the test sees follows from the caps, not from timing:
 * without them the hanging deliveries take every slot and nothing else is
 * delivered until one gives up.
 */
describe('fair delivery: one brand\'s hanging receivers do not hold back another brand (graphile-worker, receivers on 127.0.0.1)', function () {
  this.timeout(60_000);
  let t: TestApp;
  let runner: GraphileWorkerJobRunner;
  const receivers: WebhookReceiver[] = [];

  async function subscribe(brand: Brand, answer: 200 | 'never'): Promise<{ id: string; hook: WebhookReceiver }> {
    const placeholder = (await request(t.server).post('/api/v1/webhooks').set(brand.headers)
      .send({ url: 'http://127.0.0.1:9/placeholder', eventTypes: [CREATED] }).expect(201)).body.data;
    rememberSecret(placeholder.secret);
    const hook = await startWebhookReceiver(placeholder.secret, answer);
    receivers.push(hook);
    await request(t.server).patch(`/api/v1/webhooks/${placeholder.id}`).set(brand.headers).send({ url: hook.url }).expect(200);
    return { id: placeholder.id, hook };
  }

  const write = (brand: Brand) =>
    request(t.server).post('/api/v1/app-integrations/authentication').set(brand.headers).send(anIntegrationAuthenticationBody()).expect(201);

  const deliveriesOf = async (subscriptionIds: string[]): Promise<{ made: number; attempted: number }> => {
    const [row] = await testDatabase().dataSource.query(
      `SELECT count(*)::int AS made, count(a.delivery_id)::int AS attempted
         FROM webhook_deliveries d LEFT JOIN webhook_delivery_attempts a ON a.delivery_id = d.id
        WHERE d.subscription_id = ANY ($1)`, [subscriptionIds]);
    return row;
  };

  before(async () => {
    t = createTestApp({ webhooks: { outboundHttp: new SafeOutboundHttp({ allowPrivate: true, timeoutMs: 120_000 }) } });
    runner = await startJobRunner(t.container, testDatabase().dataSource, { log: () => undefined, pollIntervalMs: 100, concurrency: 4 });
  });
  after(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close())); // drops the held requests, so the running jobs end
    await runner?.stop();
  });

  it('delivers another brand\'s event while the first brand\'s deliveries hang, the first brand holding one slot', async () => {
    const noisy = await aBrandWithKey(t.container);
    const quiet = await aBrandWithKey(t.container);
    const hanging = [await subscribe(noisy, 'never'), await subscribe(noisy, 'never'), await subscribe(noisy, 'never')];
    const hangingIds = hanging.map((s) => s.id);
    for (let i = 0; i < 6; i++) await write(noisy);
    await eventually('the noisy backlog queued', async () => ((await deliveriesOf(hangingIds)).made === 18 ? true : undefined));

    const { hook: quietHook } = await subscribe(quiet, 200);
    await write(quiet);
    const [delivered] = await quietHook.waitFor(1, 30_000);
    expect(delivered).to.include({ verified: true, answer: 200 });

    const held = hanging.reduce((sum, s) => sum + s.hook.deliveries.length, 0);
    expect(held, 'the noisy brand runs one delivery at a time').to.equal(1);
    expect((await deliveriesOf(hangingIds)).attempted, 'no hanging delivery gave up first').to.equal(0);
  });
});
