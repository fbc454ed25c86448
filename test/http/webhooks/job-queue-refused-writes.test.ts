import { expect } from 'chai';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CreatePortalAdmin } from '../../../src/application/portal-admin/create-portal-admin.use-case';
import { JobQueueRefusedError } from '../../../src/application/ports/job-queue-errors';
import { createDataSource } from '../../../src/adapters/persistence/typeorm/data-source';
import { grantRuntimeRole } from '../../../src/adapters/persistence/typeorm/runtime-role';
import { TEST_CHANGE } from '../../support/change';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import { dropJobQueuePolicies, RuntimeRoleDatabase, runtimeRoleDatabase } from '../../support/runtime-role-database';
import { rememberSecret } from '../../support/suite-secrets';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';

/** A login role of this suite's own on the test server (roles are per cluster). */
const ROLE = 'ih_queue_refused_suite_runtime';
const ROLE_PASSWORD = 'ih-queue-refused-suite-runtime';


/** What no answer may carry: SQL, PostgreSQL's words, graphile-worker's tables. */
const LEAKS = /42501|row-level|policy|graphile|_private_|insert|select|permission denied/i;

/**
 * The server as a runtime role with the table grants but without the row
 * policies on graphile-worker's tables (the README's grants without the DO
 * block): a write whose event a webhook subscription wants queues a job in
 * its own statement, which row-level security refuses with 42501. Such a
 * write is not the client's mistake and not a bug: both surfaces answer 503
 * in their own error shape, with a fixed message, and write nothing; once
 * the policies are given the same write succeeds.
 */
describe('writes that must queue a job the database refuses (real PostgreSQL, runtime role without the job queue row policies)', function () {
  this.timeout(60_000);
  let scratch: RuntimeRoleDatabase;
  let owner: DataSource;
  let runtime: DataSource;
  let t: TestApp;
  let brand: { brandId: string; headers: Record<string, string> };
  let admin: { Authorization: string };
  let userId: number;

  before(async () => {
    scratch = await runtimeRoleDatabase(ROLE, ROLE_PASSWORD);
    owner = scratch.owner;
    runtime = createDataSource({ url: scratch.runtimeUrl, poolSize: 4 });
    await runtime.initialize();
    t = createTestApp({ dataSource: runtime });

    // Set up while the queue takes rows: a brand subscribed to its configurations' events, a portal subscribed to new apps.
    brand = await aBrandWithKey(t.container);
    const { token } = await t.container.get(CreatePortalAdmin).execute({ email: 'queue-refused@example.com', change: TEST_CHANGE });
    rememberSecret(token);
    admin = { Authorization: token };
    for (const [path, headers, body] of [
      ['/api/v1/webhooks', brand.headers, { url: 'https://hooks.example.com/jfw', eventTypes: ['integration-authentication.created'] }],
      ['/portal-api/webhooks', admin, { URL: 'https://hooks.example.com/portal', EventTypes: ['portal-app.created'] }],
    ] as const) {
      const created = await request(t.server).post(path).set(headers).send(body).expect(201);
      rememberSecret(created.body.Secret ?? created.body.data.secret);
    }
    userId = (await request(t.server).post('/portal-api/users').set(admin)
      .send({ Email: 'dev@example.com', First: 'Ada', Last: 'Lovelace', Role: 'consumer-admin' }).expect(201)).body.ID;
    await dropJobQueuePolicies(owner, ROLE);
  });
  after(async () => {
    if (runtime?.isInitialized) await runtime.destroy();
    await scratch?.close();
  });

  const createConfiguration = () => request(t.server).post('/api/v1/app-integrations/authentication').set(brand.headers).send(anIntegrationAuthenticationBody());
  const createApp = () => request(t.server).post('/portal-api/apps').set(admin)
    .send({ Name: 'Queued App', RedirectURLs: 'https://app-host/auth', UserID: userId, Visibility: 'personal' });
  const count = async (sql: string, params: unknown[]) => Number((await owner.query(sql, params))[0].n);

  it('answers 503 ServiceUnavailable in the JFramework envelope, with a fixed message and no SQL, and writes nothing', async () => {
    const res = await createConfiguration().expect(503);
    expect(res.body).to.deep.include({ success: false, statusCode: 503, data: null });
    expect(res.body.errors).to.have.length(1);
    expect(res.body.errors[0]).to.deep.equal({ code: 'ServiceUnavailable', message: new JobQueueRefusedError().message });
    expect(JSON.stringify(res.body)).not.to.match(LEAKS);
    expect(await count(`SELECT count(*) AS n FROM integration_authentications WHERE brand_id = $1`, [brand.brandId])).to.equal(0);
    expect(await count(`SELECT count(*) AS n FROM outbox_events WHERE brand_id = $1`, [brand.brandId])).to.equal(0);
    const warned = t.logger.lines.map((l) => JSON.parse(l)).filter((l) => l.level === 'warn' && l.correlationId === res.body.correlationId);
    expect(warned.map((l) => l.err.code), 'one warning, with the error code').to.deep.equal(['JobQueueRefused']);
  });

  it('answers 503 in the portal\'s StatusWithErrors shape, with the same message, and writes nothing', async () => {
    const res = await createApp().expect(503);
    expect(res.body).to.deep.equal({ status: 'error', errors: [new JobQueueRefusedError().message] });
    expect(JSON.stringify(res.body)).not.to.match(LEAKS);
    expect(await count(`SELECT count(*) AS n FROM portal_apps WHERE name = $1`, ['Queued App'])).to.equal(0);
  });

  it('a write whose event no subscription wants queues nothing, so it still succeeds', async () => {
    await request(t.server).put(`/portal-api/users/${userId}`).set(admin)
      .send({ Last: 'King' }).expect(200);
  });

  it('succeeds once the runtime role has its row policies again', async () => {
    await grantRuntimeRole(owner, ROLE);
    await createConfiguration().expect(201);
    await createApp().expect(201);
  });
});
