import { expect } from 'chai';
import { ContainerModule } from 'inversify';
import request from 'supertest';
import { INTEGRATION_AUTHENTICATION_REPOSITORY, IntegrationAuthenticationRepository } from '../../../src/application/ports/integration-authentication.repository';
import { CreatePortalAdmin } from '../../../src/application/portal/create-portal-admin.use-case';
import { createContainer } from '../../../src/bootstrap/container';
import { buildHttpApp } from '../../../src/bootstrap/http-app.factory';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import { RecordingLogger } from '../../support/recording-logger';
import { rememberSecret } from '../../support/suite-secrets';
import { aBrandWithKey, createTestApp, TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';

const PATH = '/api/v1/app-integrations/authentication';

describe('rate limits (429 + Retry-After) and the database deadline (503)', () => {
  it('answers a key past RATE_LIMIT_PER_MINUTE 429 TooManyRequests with Retry-After; other keys go on', async () => {
    const t = createTestApp({ rateLimits: { perCredentialPerMinute: 3, authFailuresPerMinute: 0, refusalDelayMs: 0 } });
    const { headers } = await aBrandWithKey(t.container);
    const other = await aBrandWithKey(t.container);
    for (let i = 0; i < 3; i++) await request(t.server).get(PATH).set(headers).expect(200);
    const res = await request(t.server).get(PATH).set(headers).expect(429);
    expect(res.body).to.include({ success: false, statusCode: 429 });
    expect(res.body.errors).to.deep.equal([{ code: 'TooManyRequests', message: 'Too many requests; retry later' }]);
    expect(Number(res.headers['retry-after'])).to.be.within(1, 60);
    expect(res.headers['cache-control']).to.equal('no-store');
    await request(t.server).get(PATH).set(other.headers).expect(200);
  });

  it('answers an admin token past the limit 429 in the portal shape', async () => {
    const t = createTestApp({ rateLimits: { perCredentialPerMinute: 2, authFailuresPerMinute: 0, refusalDelayMs: 0 } });
    const { token } = await t.container.get(CreatePortalAdmin).execute({ email: `limited-${Date.now()}@example.com` });
    rememberSecret(token);
    await request(t.server).get('/portal-api/apps').set('Authorization', token).expect(200);
    await request(t.server).get('/portal-api/apps').set('Authorization', token).expect(200);
    const res = await request(t.server).get('/portal-api/apps').set('Authorization', token).expect(429);
    expect(res.body).to.deep.equal({ status: 'error', errors: ['Too many requests; retry later'] });
    expect(res.headers['retry-after']).to.match(/^\d+$/);
  });

  it('refuses an address past AUTH_FAILURES_PER_MINUTE failed authentications, on both surfaces, before any check', async () => {
    const t = createTestApp({ rateLimits: { perCredentialPerMinute: 0, authFailuresPerMinute: 3, refusalDelayMs: 0 } });
    const { headers } = await aBrandWithKey(t.container);
    await request(t.server).get(PATH).set({ ...headers, 'Auth-Key': 'wrong-1' }).expect(401);
    await request(t.server).get('/portal-api/apps').set('Authorization', 'wrong-2').expect(401);
    await request(t.server).get(PATH).set({ ...headers, 'Auth-Key': '' }).expect(401);
    const fourth = await request(t.server).get(PATH).set({ ...headers, 'Auth-Key': 'wrong-4' }).expect(429);
    expect(fourth.body.errors[0].code).to.equal('TooManyRequests');
    // The address is refused until its window ends, even with a good key: a guesser learns nothing more.
    await request(t.server).get(PATH).set(headers).expect(429);
    await request(t.server).get('/portal-api/apps').set('Authorization', 'wrong').expect(429);
  });

  it('holds a 429 for the refusal delay before sending it (a tarpit for closed-loop senders)', async () => {
    const t = createTestApp({ rateLimits: { perCredentialPerMinute: 0, authFailuresPerMinute: 1, refusalDelayMs: 300 } });
    const { headers } = await aBrandWithKey(t.container);
    await request(t.server).get(PATH).set({ ...headers, 'Auth-Key': 'wrong' }).expect(401);
    const started = Date.now();
    await request(t.server).get(PATH).set({ ...headers, 'Auth-Key': 'wrong' }).expect(429);
    expect(Date.now() - started).to.be.at.least(290);
  });

  it('counts a missing or over-long Brand-URL as a failed authentication', async () => {
    const t = createTestApp({ rateLimits: { perCredentialPerMinute: 0, authFailuresPerMinute: 2, refusalDelayMs: 0 } });
    const { headers } = await aBrandWithKey(t.container);
    await request(t.server).get(PATH).set({ 'Auth-Key': headers['Auth-Key'] }).expect(400);
    await request(t.server).get(PATH).set({ ...headers, 'Brand-URL': 'x'.repeat(3000) }).expect(400);
    await request(t.server).get(PATH).set(headers).expect(429);
  });

  it('counts nothing when both limits are 0', async () => {
    const t = createTestApp({ rateLimits: { perCredentialPerMinute: 0, authFailuresPerMinute: 0 } });
    const { headers } = await aBrandWithKey(t.container);
    for (let i = 0; i < 30; i++) await request(t.server).get(PATH).set({ ...headers, 'Auth-Key': `wrong-${i}` }).expect(401);
    for (let i = 0; i < 30; i++) await request(t.server).get(PATH).set(headers).expect(200);
  });

  it('answers 503 ServiceUnavailable once a request has waited DB_TIMEOUT_MS on the database', async () => {
    const { dataSource } = testDatabase();
    const hanging = new ContainerModule(({ rebind }) => {
      const never = () => new Promise<never>(() => undefined);
      const stuck = { findById: never, list: never, insert: never, replace: never, update: never, delete: never, findForIntegration: never };
      void rebind<IntegrationAuthenticationRepository>(INTEGRATION_AUTHENTICATION_REPOSITORY).toConstantValue(stuck);
    });
    const container = createContainer({ persistence: { kind: 'typeorm', dataSource }, secretKey: TEST_SECRET_KEY, overrides: [hanging] });
    const logger = new RecordingLogger();
    const server = buildHttpApp(container, logger, dataSource, { rateLimits: { perCredentialPerMinute: 0, authFailuresPerMinute: 0 }, dbTimeoutMs: 300 }).callback();
    const { headers } = await aBrandWithKey(container);
    const started = Date.now();
    const res = await request(server).put(`${PATH}/AAAAAAAAAAAAAAAAAA`).set(headers).send(anIntegrationAuthenticationBody()).expect(503);
    expect(Date.now() - started).to.be.lessThan(10_000); // bounded; the budget itself is 300 ms
    expect(res.body.errors).to.deep.equal([{ code: 'ServiceUnavailable', message: 'The database is unavailable; retry later' }]);
    expect(logger.text()).to.include('database unavailable');
  });

  it('answers /readyz 503 when the readiness check does not answer, instead of waiting for it', async () => {
    const { dataSource } = testDatabase();
    const container = createContainer({ persistence: { kind: 'typeorm', dataSource }, secretKey: TEST_SECRET_KEY });
    const stuck = Object.create(dataSource) as typeof dataSource;
    stuck.showMigrations = () => new Promise<boolean>(() => undefined);
    const server = buildHttpApp(container, new RecordingLogger(), stuck).callback();
    const res = await request(server).get('/readyz').expect(503);
    expect(res.body).to.deep.equal({ status: 'unavailable' });
  });
});
