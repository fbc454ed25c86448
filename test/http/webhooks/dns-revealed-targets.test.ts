import { expect } from 'chai';
import request from 'supertest';
import { GraphileWorkerJobRunner } from '../../../src/adapters/job-queue/graphile-worker.job-runner';
import { SafeOutboundHttp } from '../../../src/adapters/outbound-http/safe-outbound-http';
import { startJobRunner } from '../../../src/bootstrap/job-runner';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';
import { rememberSecret } from '../../support/suite-secrets';
import { testDatabase } from '../../support/test-database';

const UPDATED = 'integration-authentication.updated';
/** Stands in for DNS: names that look public but resolve to what only DNS reveals. */
const ZONE: Record<string, string> = {
  'hooks.private.example': '10.20.30.40',
  'hooks.loopback.example': '127.0.0.1',
  'hooks.metadata.example': '169.254.169.254',
};

/**
 * SSRF when only DNS reveals the target: the URL passes the DNS-free check at
 * creation (WEBHOOK_ALLOW_PRIVATE off), and every attempt is refused after
 * resolution — nothing is sent, the deliveries API says why.
 */
describe('webhook targets that only DNS reveals as private (switch off, real queue)', function () {
  this.timeout(60_000);
  let t: TestApp;
  let runner: GraphileWorkerJobRunner;

  before(async () => {
    const resolve = async (host: string) => (ZONE[host] === undefined ? [] : [{ address: ZONE[host], family: 4 as const }]);
    t = createTestApp({
      webhooks: { outboundHttp: new SafeOutboundHttp({ allowPrivate: false, resolve }), delivery: { schedule: { firstDelayMs: 40, maxDelayMs: 120, windowMs: 600 }, random: () => 0.5 } },
    });
    runner = await startJobRunner(t.container, testDatabase().dataSource, { log: () => undefined, pollIntervalMs: 100 });
  });
  after(async () => {
    await runner?.stop();
  });

  it('accepts the URL at creation, then refuses every attempt after DNS and fails the delivery', async () => {
    const brand = await aBrandWithKey(t.container);
    const ids: Record<string, string> = {};
    for (const host of Object.keys(ZONE)) {
      const created = (await request(t.server).post('/api/v1/webhooks').set(brand.headers).send({ url: `https://${host}/hook`, eventTypes: [UPDATED] }).expect(201)).body.data;
      rememberSecret(created.secret);
      ids[host] = created.id;
    }
    const { dataSource } = testDatabase();
    await dataSource.query(
      `SELECT ih_record_change(now(), 'jfw', $1, 'cli', NULL, 'updated', 'integration-authentication', 'cfg', '[]'::jsonb, NULL, $2, '{"id":"cfg"}'::jsonb)`,
      [brand.brandId, UPDATED]);
    for (const [host, address] of Object.entries(ZONE)) {
      const delivery = await (async () => {
        for (let i = 0; i < 300; i++) {
          const [d] = (await request(t.server).get(`/api/v1/webhooks/${ids[host]}/deliveries`).set(brand.headers).expect(200)).body.data.items;
          if (d?.status === 'failed') return d;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`no failed delivery for ${host}`);
      })();
      expect(delivery.attempts.length, host).to.be.greaterThan(0);
      for (const attempt of delivery.attempts) {
        expect(attempt, host).to.include({ statusCode: null });
        expect(attempt.error, host).to.match(new RegExp(`^refused: .*${address.replace(/\./g, '\\.')}`));
      }
    }
  });
});
