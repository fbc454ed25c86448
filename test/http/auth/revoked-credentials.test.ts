import { ContainerModule } from 'inversify';
import request from 'supertest';
import { RevokeBrandKeys } from '../../../src/application/brand/revoke-brand-keys.use-case';
import { CLOCK } from '../../../src/application/ports/clock';
import { RevokePortalAdmin } from '../../../src/application/portal-admin/revoke-portal-admin.use-case';
import { createContainer } from '../../../src/bootstrap/container';
import { DEFAULT_AUTH_CACHE_TTL_MS } from '../../../src/bootstrap/config';
import { buildHttpApp } from '../../../src/bootstrap/http-app.factory';
import { NO_RATE_LIMITS } from '../../../src/adapters/http/shared/rate-limits';
import { CreatePortalAdmin } from '../../../src/application/portal-admin/create-portal-admin.use-case';
import { FixedClock } from '../../support/fixed-clock';
import { RecordingLogger } from '../../support/recording-logger';
import { aBrandWithKey, TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';
import { TEST_CHANGE } from '../../support/change';

const LIST = '/api/v1/app-integrations/authentication';

/** The app under test on a clock the test moves, plus a second container on the same database: "the CLI". */
function twoProcesses() {
  const { dataSource } = testDatabase();
  const clock = new FixedClock();
  const server = createContainer({
    persistence: { kind: 'typeorm', dataSource },
    secretKey: TEST_SECRET_KEY,
    overrides: [new ContainerModule(({ rebind }) => void rebind(CLOCK).toConstantValue(clock))],
  });
  const cli = createContainer({ persistence: { kind: 'typeorm', dataSource }, secretKey: TEST_SECRET_KEY, authCacheTtlMs: 0 });
  return { clock, server, app: buildHttpApp(server, new RecordingLogger(), dataSource, { rateLimits: NO_RATE_LIMITS }).callback(), cli };
}

describe('revoked credentials (cached auth lookups)', () => {
  it('answers 401 for an Auth-Key revoked through the same process, at once', async () => {
    const { server, app } = twoProcesses();
    const brand = await aBrandWithKey(server);
    await request(app).get(LIST).set(brand.headers).expect(200);
    await server.get(RevokeBrandKeys).execute({ change: TEST_CHANGE, brandUrl: brand.url });
    await request(app).get(LIST).set(brand.headers).expect(401);
  });

  it('answers 401 for an Auth-Key revoked by another process once the cache TTL has passed', async () => {
    const { clock, server, app, cli } = twoProcesses();
    const brand = await aBrandWithKey(server);
    await request(app).get(LIST).set(brand.headers).expect(200);
    await cli.get(RevokeBrandKeys).execute({ change: TEST_CHANGE, brandUrl: brand.url });
    clock.advance(DEFAULT_AUTH_CACHE_TTL_MS);
    await request(app).get(LIST).set(brand.headers).expect(401);
  });

  it('answers 401 for a portal token revoked by this or another process (after the TTL)', async () => {
    const { clock, server, app, cli } = twoProcesses();
    const create = server.get(CreatePortalAdmin);
    const n = `${process.pid}-${Date.now().toString(36)}`;
    const here = await create.execute({ change: TEST_CHANGE, email: `here-${n}@example.com` });
    const elsewhere = await create.execute({ change: TEST_CHANGE, email: `elsewhere-${n}@example.com` });
    for (const { token } of [here, elsewhere]) await request(app).get('/portal-api/apps').set({ Authorization: token }).expect(200);

    await server.get(RevokePortalAdmin).execute({ change: TEST_CHANGE, email: here.admin.email });
    await request(app).get('/portal-api/apps').set({ Authorization: here.token }).expect(401);

    await cli.get(RevokePortalAdmin).execute({ change: TEST_CHANGE, email: elsewhere.admin.email });
    clock.advance(DEFAULT_AUTH_CACHE_TTL_MS);
    await request(app).get('/portal-api/apps').set({ Authorization: elsewhere.token }).expect(401);
  });
});
