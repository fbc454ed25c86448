import { expect } from 'chai';
import { InMemoryAppIntegrationCatalog } from '../../../src/adapters/persistence/in-memory/jfw/in-memory-app-integration.catalog';
import { GetAppIntegration } from '../../../src/application/app-integration/get-app-integration.use-case';
import { ListAppIntegrations } from '../../../src/application/app-integration/list-app-integrations.use-case';
import { AppIntegration } from '../../../src/domain/app-integration/app-integration';
import { AppIntegrationNotFoundError } from '../../../src/domain/app-integration/app-integration-errors';
import { ValidationError } from '../../../src/domain/shared/domain-error';
import { catalogEntry } from '../../support/in-memory-jfw';
import { rejectionOf } from '../../support/rejection';


describe('ListAppIntegrations and GetAppIntegration (in-memory catalog)', () => {
  // Built per test, not while the file loads: a broken AppIntegration.create
  // then fails these tests instead of the loading of every suite.
  let catalog: InMemoryAppIntegrationCatalog;
  let list: ListAppIntegrations;
  beforeEach(() => {
    catalog = new InMemoryAppIntegrationCatalog([
      catalogEntry('Catalog00000000001', 'Delta'),
      catalogEntry('Catalog00000000002', 'Alpha'),
      catalogEntry('Catalog00000000003', 'Charlie', 'SMS'),
      AppIntegration.create({ id: 'Catalog00000000004', type: 'SMTP', name: 'Bravo', domain: 'https://mail.example.com', description: 'Mail relay', status: 'Inactive' }),
    ]);
    list = new ListAppIntegrations(catalog);
  });

  it('answers the first page of 50 by name when nothing is asked', async () => {
    const page = await list.execute({});
    expect(page.items.map((e) => e.snapshot().name)).to.deep.equal(['Alpha', 'Bravo', 'Charlie', 'Delta']);
    expect(page).to.include({ total: 4, pageNumber: 0, pageSize: 50 });
  });

  it('pages by pageNumber × pageSize and keeps the total past the end', async () => {
    expect((await list.execute({ pageNumber: 1, pageSize: 3 })).items.map((e) => e.snapshot().name)).to.deep.equal(['Delta']);
    expect(await list.execute({ pageNumber: 2, pageSize: 3 })).to.deep.equal({ items: [], total: 4, pageNumber: 2, pageSize: 3 });
  });

  it('filters by type, status and keywords (case-insensitive, blank ignored)', async () => {
    expect((await list.execute({ type: 'SMS' })).items.map((e) => e.id)).to.deep.equal(['Catalog00000000003']);
    expect((await list.execute({ status: 'Inactive' })).items.map((e) => e.id)).to.deep.equal(['Catalog00000000004']);
    expect((await list.execute({ keywords: ' MAIL.example ' })).items.map((e) => e.id)).to.deep.equal(['Catalog00000000004']);
    expect((await list.execute({ keywords: '   ' })).total).to.equal(4);
  });

  it('refuses a page request outside the limits whoever calls', async () => {
    for (const bad of [{ pageSize: 0 }, { pageSize: 201 }, { pageNumber: -1 }, { pageNumber: 0.5 }]) {
      const error = await rejectionOf(list.execute(bad));
      expect(error, JSON.stringify(bad)).to.be.instanceOf(ValidationError);
    }
  });

  it('gets one entry, and AppIntegrationNotFound for an unknown or malformed id', async () => {
    const get = new GetAppIntegration(catalog);
    expect((await get.execute({ id: 'Catalog00000000002' })).snapshot().name).to.equal('Alpha');
    for (const id of ['Catalog00000000099', 'bad id']) {
      expect(await rejectionOf(get.execute({ id }))).to.be.instanceOf(AppIntegrationNotFoundError);
    }
  });
});
