import { expect } from 'chai';
import { GetIntegrationAuthenticationHistory } from '../../../src/application/audit/get-integration-authentication-history.use-case';
import { ListAuditEntries } from '../../../src/application/audit/list-audit-entries.use-case';
import { ListBrandAuditEntries } from '../../../src/application/audit/list-brand-audit-entries.use-case';
import { ListPortalAuditEntries } from '../../../src/application/audit/list-portal-audit-entries.use-case';
import { AuditFilter, AuditTrail } from '../../../src/application/ports/audit-trail';
import { IntegrationAuthenticationRepository } from '../../../src/application/ports/integration-authentication.repository';
import { Page, PageSlice } from '../../../src/application/ports/page';
import { InMemoryBrandRepository } from '../../../src/adapters/persistence/in-memory/jfw/in-memory-brand.repository';
import { AuditEntry } from '../../../src/domain/audit/audit-entry';
import { Brand } from '../../../src/domain/brand/brand';
import { BrandNotFoundError } from '../../../src/domain/brand/brand-errors';
import { IntegrationAuthenticationNotFoundError } from '../../../src/domain/integration-authentication/integration-authentication-errors';
import { ValidationError } from '../../../src/domain/shared/domain-error';
import { TEST_CHANGE } from '../../support/change';
import { rejectionOf } from '../../support/rejection';

/** A fake trail that answers one page and remembers what it was asked. */
class AskedTrail implements AuditTrail {
  readonly asked: { filter: AuditFilter; page: PageSlice }[] = [];
  constructor(private readonly answer: Page<AuditEntry> = { items: [], total: 0 }) {}

  async entries(filter: AuditFilter, page: PageSlice): Promise<Page<AuditEntry>> {
    this.asked.push({ filter, page });
    return this.answer;
  }

  async events(): Promise<Page<never>> {
    return { items: [], total: 0 };
  }
}

const entry = { id: '7', action: 'updated' } as unknown as AuditEntry;

/** A fake store of configurations that knows one id of one brand, and counts lookups. */
class OneConfiguration {
  lookups = 0;
  constructor(private readonly brandId: string, private readonly id: string) {}
  async findById(brandId: string, id: string) {
    this.lookups += 1;
    return brandId === this.brandId && id === this.id ? ({ id } as never) : null;
  }
}
const configurations = (known = new OneConfiguration('b1', 'AbCdEfGhIjKlMnOpQr')) => known as unknown as IntegrationAuthenticationRepository;
const ID = 'AbCdEfGhIjKlMnOpQr';

describe('audit reads: what each use case asks of the trail', () => {
  it('history: one authentication of one brand, with the JFramework page (from 0) and its size', async () => {
    const trail = new AskedTrail({ items: [entry], total: 31 });
    const known = new OneConfiguration('b1', ID);
    const page = await new GetIntegrationAuthenticationHistory(trail, configurations(known)).execute({ brandId: 'b1', id: ID, pageNumber: 1, pageSize: 10 });
    expect(known.lookups, 'entries found: no lookup').to.equal(0);
    expect(trail.asked).to.deep.equal([{ filter: { brandId: 'b1', resourceType: 'integration-authentication', resourceId: ID }, page: { offset: 10, limit: 10 } }]);
    expect(page).to.deep.equal({ items: [entry], total: 31, pageNumber: 1, pageSize: 10 });
  });

  it('history: an id that cannot be one is not found, without asking the trail', async () => {
    const trail = new AskedTrail();
    expect(await rejectionOf(new GetIntegrationAuthenticationHistory(trail, configurations()).execute({ brandId: 'b1', id: 'not an id' }))).to.be.instanceOf(IntegrationAuthenticationNotFoundError);
    expect(trail.asked).to.deep.equal([]);
  });

  it('history: no entry and no configuration of this brand is not found (another brand\'s id answers as an unknown one)', async () => {
    const history = new GetIntegrationAuthenticationHistory(new AskedTrail(), configurations());
    expect(await rejectionOf(history.execute({ brandId: 'b2', id: ID }))).to.be.instanceOf(IntegrationAuthenticationNotFoundError);
    expect(await rejectionOf(history.execute({ brandId: 'b1', id: 'ZzZzZzZzZzZzZzZzZz' }))).to.be.instanceOf(IntegrationAuthenticationNotFoundError);
  });

  it('history: a configuration older than the trail answers an empty page', async () => {
    const page = await new GetIntegrationAuthenticationHistory(new AskedTrail(), configurations()).execute({ brandId: 'b1', id: ID });
    expect(page).to.deep.equal({ items: [], total: 0, pageNumber: 0, pageSize: 50 });
  });

  it('brand audit: the brand, the filters and the time bounds as given; the default page is the first 50', async () => {
    const trail = new AskedTrail({ items: [entry], total: 1 });
    const from = new Date('2026-11-01T00:00:00Z');
    const to = new Date('2026-11-30T00:00:00Z');
    const page = await new ListBrandAuditEntries(trail).execute({ brandId: 'b1', resourceType: 'brand-key', resourceId: 'k1', from, to });
    expect(trail.asked).to.deep.equal([{ filter: { brandId: 'b1', resourceType: 'brand-key', resourceId: 'k1', from, to }, page: { offset: 0, limit: 50 } }]);
    expect(page).to.deep.equal({ items: [entry], total: 1, pageNumber: 0, pageSize: 50 });
  });

  it('brand audit: an invalid time bound (from any caller) is refused naming it, without asking the trail', async () => {
    const trail = new AskedTrail();
    const error = await rejectionOf(new ListBrandAuditEntries(trail).execute({ brandId: 'b1', from: new Date(Number.NaN), to: new Date('x') }));
    expect(error).to.be.instanceOf(ValidationError);
    expect((error as ValidationError).violations).to.deep.equal([{ field: 'from', message: 'must be a valid time' }, { field: 'to', message: 'must be a valid time' }]);
    expect(trail.asked).to.deep.equal([]);
  });

  it('portal audit: the portal surface only, the portal page (from 1)', async () => {
    const trail = new AskedTrail({ items: [entry], total: 1 });
    const page = await new ListPortalAuditEntries(trail).execute({ resourceType: 'portal-app', resourceId: '3', page: 2, perPage: 5 });
    expect(trail.asked).to.deep.equal([{ filter: { surface: 'portal', resourceType: 'portal-app', resourceId: '3' }, page: { offset: 5, limit: 5 } }]);
    expect(page).to.deep.equal({ items: [entry], total: 1 });
  });

  describe('the command line list', () => {
    const brands = async () => {
      const repo = new InMemoryBrandRepository();
      await repo.add(Brand.create({ id: 'b1', url: 'acme.example.com' }), TEST_CHANGE);
      return repo;
    };

    it('every entry, newest 100, when no brand is named', async () => {
      const trail = new AskedTrail({ items: [entry], total: 1 });
      expect(await new ListAuditEntries(trail, await brands()).execute({})).to.deep.equal([entry]);
      expect(trail.asked).to.deep.equal([{ filter: { brandId: undefined, resourceType: undefined, resourceId: undefined }, page: { offset: 0, limit: 100 } }]);
    });

    it('a brand named by its URL (normalised), with a resource and a limit', async () => {
      const trail = new AskedTrail();
      await new ListAuditEntries(trail, await brands()).execute({ brandUrl: 'https://ACME.example.com/', resourceType: 'brand', resourceId: 'b1', limit: 5 });
      expect(trail.asked).to.deep.equal([{ filter: { brandId: 'b1', resourceType: 'brand', resourceId: 'b1' }, page: { offset: 0, limit: 5 } }]);
    });

    it('an unknown brand is refused, without asking the trail', async () => {
      const trail = new AskedTrail();
      expect(await rejectionOf(new ListAuditEntries(trail, await brands()).execute({ brandUrl: 'nobody.example.com' }))).to.be.instanceOf(BrandNotFoundError);
      expect(trail.asked).to.deep.equal([]);
    });
  });
});
