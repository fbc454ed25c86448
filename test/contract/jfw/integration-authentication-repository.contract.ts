import { expect } from 'chai';
import { AppIntegrationCatalog } from '../../../src/application/ports/app-integration-catalog';
import { AuditTrail } from '../../../src/application/ports/audit-trail';
import { BrandRepository } from '../../../src/application/ports/brand.repository';
import { IntegrationAuthenticationRepository, SettingsReplacement } from '../../../src/application/ports/integration-authentication.repository';
import { IntegrationAuthentication } from '../../../src/domain/integration-authentication/integration-authentication';
import { SettingsInput, validateSettings } from '../../../src/domain/integration-authentication/integration-authentication-settings';
import { AppIntegrationNotFoundError } from '../../../src/domain/app-integration/app-integration-errors';
import {
  IntegrationAuthenticationCodeTakenError,
  IntegrationAuthenticationNotFoundError,
} from '../../../src/domain/integration-authentication/integration-authentication-errors';
import { VersionMismatchError } from '../../../src/domain/shared/domain-error';
import { aBrand, aCatalogEntry, anAuthentication, newId, someSettings } from '../../support/integration-authentication.builder';
import { rejectionOf } from '../../support/rejection';
import { TEST_CHANGE } from '../../support/change';

export interface JfwStores {
  readonly repository: IntegrationAuthenticationRepository;
  readonly catalog: AppIntegrationCatalog;
  readonly brands: BrandRepository;
  /** Where the repository records its writes. */
  readonly audit: AuditTrail;
}


/** A PUT of `settings` over `stored`, as the update use case asks for it. */
function replacing(stored: IntegrationAuthentication, settings: SettingsInput, at: Date, expectedVersions?: readonly number[]): SettingsReplacement {
  return { brandId: stored.brandId, id: stored.id, settings: validateSettings(settings), at, expectedVersions, change: TEST_CHANGE };
}

/** The behaviour every IntegrationAuthenticationRepository must show, whatever stores it. */
export function integrationAuthenticationRepositoryContract(name: string, makeStores: () => JfwStores): void {
  describe(`IntegrationAuthenticationRepository contract: ${name}`, () => {
    let stores: JfwStores;
    let brandId: string;
    let appId: string;

    beforeEach(async () => {
      stores = makeStores();
      const brand = aBrand();
      await stores.brands.add(brand, TEST_CHANGE);
      brandId = brand.id;
      const entry = aCatalogEntry();
      await stores.catalog.add(entry, TEST_CHANGE);
      appId = entry.id;
    });

    it('inserts and finds a configuration with its catalog entry', async () => {
      const entity = anAuthentication(brandId, appId);
      await stores.repository.insert(entity, TEST_CHANGE);
      const found = await stores.repository.findById(brandId, entity.id);
      expect(found?.authentication.settings).to.deep.equal(entity.settings);
      expect(found?.authentication.version).to.equal(1);
      expect(found?.appIntegration.id).to.equal(appId);
    });

    it('hides a configuration from other brands: not found, not replaced, not updated, not deleted', async () => {
      const entity = anAuthentication(brandId, appId);
      await stores.repository.insert(entity, TEST_CHANGE);
      const other = aBrand();
      await stores.brands.add(other, TEST_CHANGE);
      expect(await stores.repository.findById(other.id, entity.id)).to.equal(null);
      // The id of a row that exists, under another brand: replace must not reach it.
      const foreign = { ...replacing(entity, someSettings(appId, { name: 'Hijacked' }), new Date()), brandId: other.id };
      expect(await rejectionOf(stores.repository.replace(foreign))).to.be.instanceOf(IntegrationAuthenticationNotFoundError);
      expect(await rejectionOf(stores.repository.replace({ ...foreign, expectedVersions: [1] }))).to.be.instanceOf(IntegrationAuthenticationNotFoundError);
      expect(await rejectionOf(stores.repository.update(other.id, entity.id, (c) => c, TEST_CHANGE))).to.be.instanceOf(IntegrationAuthenticationNotFoundError);
      expect(await rejectionOf(stores.repository.delete(other.id, entity.id, new Date(), TEST_CHANGE))).to.be.instanceOf(IntegrationAuthenticationNotFoundError);
      const kept = await stores.repository.findById(brandId, entity.id);
      expect(kept?.authentication.settings).to.deep.equal(entity.settings);
      expect(kept?.authentication.version).to.equal(1);
    });

    it('refuses an unknown catalog entry', async () => {
      const error = await rejectionOf(stores.repository.insert(anAuthentication(brandId, newId()), TEST_CHANGE));
      expect(error).to.be.instanceOf(AppIntegrationNotFoundError);
    });

    it('refuses a code the brand already uses, and stores nothing', async () => {
      const first = anAuthentication(brandId, appId);
      await stores.repository.insert(first, TEST_CHANGE);
      const clash = anAuthentication(brandId, appId, { code: first.settings.code });
      expect(await rejectionOf(stores.repository.insert(clash, TEST_CHANGE))).to.be.instanceOf(IntegrationAuthenticationCodeTakenError);
      expect(await stores.repository.findById(brandId, clash.id)).to.equal(null);
    });

    it('replaces all settings, advances the version and keeps the creation time', async () => {
      const original = anAuthentication(brandId, appId, { tags: '#a' });
      await stores.repository.insert(original, TEST_CHANGE);
      const later = new Date('2026-02-01T00:00:00.000Z');
      const view = await stores.repository.replace(replacing(original, someSettings(appId, { name: 'Replaced' }), later));
      expect(view.authentication.settings.name).to.equal('Replaced');
      expect(view.authentication.settings.tags).to.equal(null);
      expect(view.authentication.version).to.equal(2);
      expect(view.authentication.snapshot().createdDate.toISOString()).to.equal(original.snapshot().createdDate.toISOString());
      expect(view.authentication.snapshot().updatedDate.toISOString()).to.equal(later.toISOString());
    });

    it('refuses a stale expected version and keeps the row', async () => {
      const original = anAuthentication(brandId, appId);
      await stores.repository.insert(original, TEST_CHANGE);
      const settings = someSettings(appId);
      expect(await rejectionOf(stores.repository.replace(replacing(original, settings, new Date(), [5])))).to.be.instanceOf(VersionMismatchError);
      expect(await rejectionOf(stores.repository.replace(replacing(original, settings, new Date(), [])))).to.be.instanceOf(VersionMismatchError);
      expect((await stores.repository.findById(brandId, original.id))?.authentication.settings).to.deep.equal(original.settings);
    });

    it('writes when any of the expected versions is the stored one (If-Match list)', async () => {
      const original = anAuthentication(brandId, appId);
      await stores.repository.insert(original, TEST_CHANGE);
      const written = await stores.repository.replace(replacing(original, someSettings(appId, { name: 'listed' }), new Date(), [7, 1, 3]));
      expect(written.authentication.version).to.equal(2);
      await stores.repository.delete(brandId, original.id, new Date(), TEST_CHANGE, [9, 2]);
      expect(await stores.repository.findById(brandId, original.id)).to.equal(null);
    });

    it('refuses a delete whose expected versions do not match and keeps the row', async () => {
      const original = anAuthentication(brandId, appId);
      await stores.repository.insert(original, TEST_CHANGE);
      expect(await rejectionOf(stores.repository.delete(brandId, original.id, new Date(), TEST_CHANGE, [4, 5]))).to.be.instanceOf(VersionMismatchError);
      expect(await stores.repository.findById(brandId, original.id)).not.to.equal(null);
    });

    it('keeps at most one default per brand and integration', async () => {
      const first = anAuthentication(brandId, appId, { isDefault: true });
      const second = anAuthentication(brandId, appId, { isDefault: true });
      await stores.repository.insert(first, TEST_CHANGE);
      await stores.repository.insert(second, TEST_CHANGE);
      const firstNow = await stores.repository.findById(brandId, first.id);
      expect(firstNow?.authentication.isDefault).to.equal(false);
      expect(firstNow?.authentication.version).to.equal(2);
      expect((await stores.repository.findById(brandId, second.id))?.authentication.isDefault).to.equal(true);
    });

    it('leaves the default untouched when a failed write would have claimed it', async () => {
      const current = anAuthentication(brandId, appId, { isDefault: true });
      const other = anAuthentication(brandId, appId);
      await stores.repository.insert(current, TEST_CHANGE);
      await stores.repository.insert(other, TEST_CHANGE);
      const claim = replacing(other, someSettings(appId, { isDefault: true }), new Date(), [9]);
      expect(await rejectionOf(stores.repository.replace(claim))).to.be.instanceOf(VersionMismatchError);
      expect((await stores.repository.findById(brandId, current.id))?.authentication.isDefault).to.equal(true);
    });

    it('updates through a function in one step and refuses unknown ids', async () => {
      const original = anAuthentication(brandId, appId);
      await stores.repository.insert(original, TEST_CHANGE);
      const view = await stores.repository.update(brandId, original.id, (c) => c.changeSettings({ scope: 'email' }, new Date()), TEST_CHANGE);
      expect(view.authentication.settings.scope).to.equal('email');
      expect(view.authentication.settings.code).to.equal(original.settings.code);
      const error = await rejectionOf(stores.repository.update(brandId, newId(), (c) => c, TEST_CHANGE));
      expect(error).to.be.instanceOf(IntegrationAuthenticationNotFoundError);
    });

    it('writes nothing when the function answers the configuration as it was: same version, no audit entry, but If-Match still checked', async () => {
      const original = anAuthentication(brandId, appId);
      await stores.repository.insert(original, TEST_CHANGE);
      const history = async () => (await stores.audit.entries({ brandId, resourceType: 'integration-authentication', resourceId: original.id }, { offset: 0, limit: 10 })).total;
      const entries = await history();
      const view = await stores.repository.update(brandId, original.id, (c) => c.changeSettings({}, new Date()), TEST_CHANGE, [1]);
      expect(view.authentication.version).to.equal(1);
      expect(view.authentication.snapshot()).to.deep.equal(original.snapshot());
      expect(view.appIntegration.id).to.equal(appId);
      expect(await history()).to.equal(entries);
      expect(await rejectionOf(stores.repository.update(brandId, original.id, (c) => c, TEST_CHANGE, [2]))).to.be.instanceOf(VersionMismatchError);
      expect((await stores.repository.findById(brandId, original.id))?.authentication.version).to.equal(1);
    });

    it('lists a brand page by page with the total, filtered', async () => {
      const made = [];
      for (let i = 0; i < 3; i++) {
        const entity = anAuthentication(brandId, appId, { status: i === 0 ? 'Inactive' : 'Active', name: `Item ${i}` }, new Date(Date.UTC(2026, 0, 1, 0, i)));
        await stores.repository.insert(entity, TEST_CHANGE);
        made.push(entity.id);
      }
      const page = await stores.repository.list(brandId, {}, { offset: 1, limit: 1 });
      expect(page.total).to.equal(3);
      expect(page.items.map((v) => v.authentication.id)).to.deep.equal([made[1]]);
      const inactive = await stores.repository.list(brandId, { status: 'Inactive' }, { offset: 0, limit: 10 });
      expect(inactive.items.map((v) => v.authentication.id)).to.deep.equal([made[0]]);
      const past = await stores.repository.list(brandId, {}, { offset: 10, limit: 10 });
      expect(past).to.deep.equal({ items: [], total: 3 });
      const other = await stores.repository.list(newId(), {}, { offset: 0, limit: 10 });
      expect(other.total).to.equal(0);
    });

    it('deletes within the brand only', async () => {
      const entity = anAuthentication(brandId, appId);
      await stores.repository.insert(entity, TEST_CHANGE);
      expect(await rejectionOf(stores.repository.delete(newId(), entity.id, new Date(), TEST_CHANGE))).to.be.instanceOf(IntegrationAuthenticationNotFoundError);
      await stores.repository.delete(brandId, entity.id, new Date(), TEST_CHANGE);
      expect(await stores.repository.findById(brandId, entity.id)).to.equal(null);
    });
  });
}
