import { expect } from 'chai';
import request from 'supertest';
import { GraphileWorkerJobRunner } from '../../../src/adapters/job-queue/graphile-worker.job-runner';
import { RefusedAddressFields, SafeOutboundHttp } from '../../../src/adapters/outbound-http/safe-outbound-http';
import { CreatePortalAdmin } from '../../../src/application/portal-admin/create-portal-admin.use-case';
import { cliChange } from '../../../src/domain/audit/change-context';
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

interface JfwDelivery {
  status: string;
  attempts: { statusCode: number | null; error: string | null }[];
}
interface PortalDelivery {
  Status: string;
  Attempts: { Error: string | null }[];
}

/** Polls a deliveries list until its newest delivery has failed. */
async function failedDelivery<T>(host: string, list: () => Promise<T[]>, failed: (d: T) => boolean): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const [d] = await list();
    if (d !== undefined && failed(d)) return d;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no failed delivery for ${host}`);
}

/**
 * SSRF when only DNS reveals the target: the URL passes the DNS-free check at
 * creation (WEBHOOK_ALLOW_PRIVATE off), and every attempt is refused after
 * resolution — nothing is sent. The deliveries APIs say it was refused but
 * not which address the name resolved to (else a tenant could map internal
 * names through our DNS); the operator's log line says that.
 */
describe('webhook targets that only DNS reveals as private (switch off, real queue)', function () {
  this.timeout(60_000);
  let t: TestApp;
  let runner: GraphileWorkerJobRunner;
  const warnings: RefusedAddressFields[] = [];

  before(async () => {
    const resolve = async (host: string) => (ZONE[host] === undefined ? [] : [{ address: ZONE[host], family: 4 as const }]);
    const warn = (fields: RefusedAddressFields) => void warnings.push(fields);
    t = createTestApp({
      webhooks: { outboundHttp: new SafeOutboundHttp({ allowPrivate: false, resolve, warn }), delivery: { schedule: { firstDelayMs: 40, maxDelayMs: 120, windowMs: 600 }, random: () => 0.5 } },
    });
    runner = await startJobRunner(t.container, testDatabase().dataSource, { log: () => undefined, pollIntervalMs: 100 });
  });
  after(async () => {
    await runner?.stop();
  });

  it('accepts the URL at creation, then refuses every attempt after DNS and fails the delivery, naming no address', async () => {
    const brand = await aBrandWithKey(t.container);
    const ids: Record<string, string> = {};
    for (const host of Object.keys(ZONE)) {
      const created = (await request(t.server).post('/api/v1/webhooks').set(brand.headers).send({ url: `https://${host}/hook?token=t0k3n`, eventTypes: [UPDATED] }).expect(201)).body.data;
      rememberSecret(created.secret);
      ids[host] = created.id;
    }
    const { dataSource } = testDatabase();
    await dataSource.query(
      `SELECT ih_record_change(now(), 'jfw', $1, 'cli', NULL, 'updated', 'integration-authentication', 'cfg', '[]'::jsonb, NULL, $2, '{"id":"cfg"}'::jsonb)`,
      [brand.brandId, UPDATED]);
    for (const [host, address] of Object.entries(ZONE)) {
      const list = async (): Promise<JfwDelivery[]> => (await request(t.server).get(`/api/v1/webhooks/${ids[host]}/deliveries`).set(brand.headers).expect(200)).body.data.items;
      const delivery = await failedDelivery(host, list, (d) => d.status === 'failed');
      expect(delivery.attempts.length, host).to.be.greaterThan(0);
      for (const attempt of delivery.attempts) {
        expect(attempt, host).to.include({ statusCode: null, error: `refused: ${host} resolves to an address that is not allowed` });
      }
      expect(JSON.stringify(delivery), host).to.not.include(address);
      // The operator's warning names the address, and carries the host name but not the URL (its query may be a token).
      const logged = warnings.filter((w) => w.hostname === host);
      expect(logged.length, host).to.be.greaterThan(0);
      expect(logged[0]).to.include({ address });
      expect(JSON.stringify(logged)).to.not.include('t0k3n');
    }
  });

  it('answers the same on the portal\'s deliveries', async () => {
    const { token } = await t.container.get(CreatePortalAdmin).execute({ email: `dns-${process.pid}-${Date.now()}@example.com`, change: cliChange() });
    rememberSecret(token);
    const admin = { Authorization: token };
    const created = (await request(t.server).post('/portal-api/webhooks').set(admin)
      .send({ URL: 'https://hooks.private.example/portal', EventTypes: ['portal-app.updated'] }).expect(201)).body;
    rememberSecret(created.Secret);
    await testDatabase().dataSource.query(
      `SELECT ih_record_change(now(), 'portal', NULL, 'cli', NULL, 'updated', 'portal-app', '1', '[]'::jsonb, NULL, 'portal-app.updated', '{"ID":1}'::jsonb)`);
    const list = async (): Promise<PortalDelivery[]> => (await request(t.server).get(`/portal-api/webhooks/${created.ID}/deliveries`).set(admin).expect(200)).body;
    const delivery = await failedDelivery('portal', list, (d) => d.Status === 'failed');
    expect(delivery.Attempts.map((a) => a.Error)).to.include('refused: hooks.private.example resolves to an address that is not allowed');
    expect(JSON.stringify(delivery)).to.not.include(ZONE['hooks.private.example']);
    await request(t.server).delete(`/portal-api/webhooks/${created.ID}`).set(admin).expect(200);
  });
});
