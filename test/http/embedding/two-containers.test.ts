import { expect } from 'chai';
import { DataSource } from 'typeorm';
import {
  Actors,
  AuthenticateBrand,
  CreateBrand,
  CreateBrandKey,
  createContainer,
  createDataSource,
  CreateIntegrationAuthentication,
  ListBrandAuditEntries,
  runMigrations,
  type AuditEntry,
  type ChangeContext,
  type SettingsInput,
} from '../../../src';
import { rejectionOf } from '../../support/rejection';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { createScratchDatabase, ScratchDatabase } from '../../support/scratch-database';
import { testDatabase } from '../../support/test-database';
import { TEST_CHANGE } from '../../support/change';

/** A second, freshly created database on the same server as the test database, as a host would open it. */
async function secondDatabase(): Promise<{ dataSource: DataSource; scratch: ScratchDatabase }> {
  const scratch = await createScratchDatabase([]);
  const dataSource = createDataSource({ url: scratch.url, poolSize: 2 });
  await dataSource.initialize();
  await runMigrations(dataSource);
  return { dataSource, scratch };
}

describe('embedding: two containers in one process, each on its own database', () => {
  let second: DataSource;
  let scratch: ScratchDatabase;

  before(async () => {
    ({ dataSource: second, scratch } = await secondDatabase());
  });

  after(async () => {
    await second.destroy();
    await scratch.drop();
  });

  it('keeps each container’s data in its own database', async () => {
    const first = createContainer({ persistence: { kind: 'typeorm', dataSource: testDatabase().dataSource }, secretKey: TEST_SECRET_KEY });
    const other = createContainer({ persistence: { kind: 'typeorm', dataSource: second }, secretKey: TEST_SECRET_KEY });
    const url = `isolated-${Date.now()}.example.com`;
    await first.get(CreateBrand).execute({ change: TEST_CHANGE, url });
    const inFirst = await testDatabase().dataSource.query('SELECT 1 FROM brands WHERE url = $1', [url]);
    const inSecond = await second.query('SELECT 1 FROM brands WHERE url = $1', [url]);
    expect(inFirst).to.have.length(1);
    expect(inSecond).to.have.length(0);
    // The same URL is still free in the other container's database.
    await other.get(CreateBrand).execute({ change: TEST_CHANGE, url });
    expect(first.get(CreateBrand)).not.to.equal(other.get(CreateBrand));
  });

  it('keeps answering after the host destroys and re-initialises its DataSource (the hot path reads the new pool)', async () => {
    // Cache off: every authentication goes to the pool the DataSource owns now.
    const container = createContainer({ persistence: { kind: 'typeorm', dataSource: second }, secretKey: TEST_SECRET_KEY, authCacheTtlMs: 0 });
    const brandUrl = `reopened-${Date.now()}.example.com`;
    const brand = await container.get(CreateBrand).execute({ change: TEST_CHANGE, url: brandUrl });
    const { authKey: key } = await container.get(CreateBrandKey).execute({ change: TEST_CHANGE, brandUrl });
    const authenticate = () => container.get(AuthenticateBrand).execute({ brandUrl, authKey: key });
    expect((await authenticate()).brandId).to.equal(brand.id);

    await second.destroy();
    await second.initialize();

    expect((await authenticate()).brandId).to.equal(brand.id);
  });

  it('names the mistake when the host hands over a DataSource it has not initialised', async () => {
    const idle = createDataSource({ url: testDatabase().url, poolSize: 1 });
    const container = createContainer({ persistence: { kind: 'typeorm', dataSource: idle }, secretKey: TEST_SECRET_KEY, authCacheTtlMs: 0 });
    const error = await rejectionOf(container.get(AuthenticateBrand).execute({ brandUrl: 'never.example.com', authKey: 'k' }));
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.match(/DataSource is not initialised/);
  });

  it('lets a host name a write\'s change context and read back the audit entries it made, through the package entry alone', async () => {
    // ChangeContext, Actors and AuditEntry come from the package entry, as a host's own code would import them.
    const container = createContainer({ persistence: { kind: 'typeorm', dataSource: second }, secretKey: TEST_SECRET_KEY });
    const change: ChangeContext = { actor: Actors.cli(), correlationId: 'host-nightly-import-7' };
    const brand = await container.get(CreateBrand).execute({ change, url: `audited-${Date.now()}.example.com` });
    const settings: SettingsInput = {
      appIntegrationId: 'GoogleSignIn000001', code: 'HOST_IMPORTED', name: 'Imported by the host', projectId: 'p',
      clientId: 'client', clientSecret: 'host-secret', redirectURI: 'https://host.example.com/callback', scope: 'openid',
    };
    const created = await container.get(CreateIntegrationAuthentication).execute({ brandId: brand.id, settings, change });

    const page = await container.get(ListBrandAuditEntries).execute({ brandId: brand.id, resourceId: created.authentication.id });
    const entries: readonly AuditEntry[] = page.items;
    expect(entries.map(({ action, actor, correlationId, resource }) => ({ action, actor, correlationId, resource }))).to.deep.equal([
      { action: 'created', actor: { kind: 'cli', id: null }, correlationId: 'host-nightly-import-7', resource: { type: 'integration-authentication', id: created.authentication.id } },
    ]);
    expect(JSON.stringify(entries), 'a secret field says only that it changed').not.to.include('host-secret');
  });
});
