import { expect } from 'chai';
import { BuildAuthorizationUrl } from '../../../src/application/integration-authentication/build-authorization-url.use-case';
import { DeleteIntegrationAuthentication } from '../../../src/application/integration-authentication/delete-integration-authentication.use-case';
import { ListIntegrationAuthentications } from '../../../src/application/integration-authentication/list-integration-authentications.use-case';
import { PatchIntegrationAuthentication } from '../../../src/application/integration-authentication/patch-integration-authentication.use-case';
import { AppIntegrationNotFoundError } from '../../../src/domain/app-integration/app-integration-errors';
import {
  IntegrationAuthenticationUnusableError,
  IntegrationAuthenticationNotFoundError,
} from '../../../src/domain/integration-authentication/integration-authentication-errors';
import { ValidationError, VersionMismatchError } from '../../../src/domain/shared/domain-error';
import { inMemoryJfw } from '../../support/in-memory-jfw';
import { GITHUB_ID, GOOGLE_ID } from '../../support/integration-authentication.mother';
import { rejectionOf } from '../../support/rejection';
import { TEST_CHANGE } from '../../support/change';

const BRAND = 'BrandA000000000001';
const OTHER = 'BrandB000000000001';


describe('integration authentication use cases (in-memory adapters)', () => {
  let jfw: ReturnType<typeof inMemoryJfw>;

  beforeEach(() => {
    jfw = inMemoryJfw();
  });

  describe('ListIntegrationAuthentications', () => {
    it('pages one brand’s configurations oldest first, with filters', async () => {
      const a = await jfw.addConfiguration(BRAND, { name: 'Alpha' });
      const b = await jfw.addConfiguration(BRAND, { appIntegrationId: GITHUB_ID, status: 'Inactive' });
      const c = await jfw.addConfiguration(BRAND, { tags: '#ALPHA' });
      await jfw.addConfiguration(OTHER, { name: 'Alpha' });
      const list = new ListIntegrationAuthentications(jfw.repository);
      const ids = async (q: object) => (await list.execute({ brandId: BRAND, ...q })).items.map((v) => v.authentication.id);
      expect(await ids({})).to.deep.equal([a.id, b.id, c.id]);
      expect(await ids({ pageSize: 2, pageNumber: 1 })).to.deep.equal([c.id]);
      expect(await list.execute({ brandId: BRAND, pageSize: 2, pageNumber: 5 })).to.deep.equal({ items: [], total: 3, pageNumber: 5, pageSize: 2 });
      expect(await ids({ appIntegrationId: GITHUB_ID })).to.deep.equal([b.id]);
      expect(await ids({ status: 'Active' })).to.deep.equal([a.id, c.id]);
      expect(await ids({ keywords: 'alpha' })).to.deep.equal([a.id, c.id]);
      expect(await ids({ appIntegrationId: 'not an id' })).to.deep.equal([]);
    });
  });

  describe('PatchIntegrationAuthentication', () => {
    it('merges through the entity, clears nullable fields and checks the version', async () => {
      const entity = await jfw.addConfiguration(BRAND);
      const patch = new PatchIntegrationAuthentication(jfw.repository, jfw.clock);
      const view = await patch.execute({ change: TEST_CHANGE, brandId: BRAND, id: entity.id, patch: { name: 'Patched', tags: null }, expectedVersion: 1 });
      expect(view.authentication.settings).to.deep.equal({ ...entity.settings, name: 'Patched', tags: null });
      expect(view.authentication.version).to.equal(2);
      expect(await rejectionOf(patch.execute({ change: TEST_CHANGE, brandId: BRAND, id: entity.id, patch: { name: 'x' }, expectedVersion: 1 }))).to.be.instanceOf(VersionMismatchError);
    });

    it('leaves the stored state alone when the patch is invalid', async () => {
      const entity = await jfw.addConfiguration(BRAND);
      const patch = new PatchIntegrationAuthentication(jfw.repository, jfw.clock);
      expect(await rejectionOf(patch.execute({ change: TEST_CHANGE, brandId: BRAND, id: entity.id, patch: { scope: null } }))).to.be.instanceOf(ValidationError);
      expect((await jfw.repository.findById(BRAND, entity.id))?.authentication).to.equal(entity);
    });

    it("answers not found for another brand's id and a malformed id", async () => {
      const entity = await jfw.addConfiguration(BRAND);
      const patch = new PatchIntegrationAuthentication(jfw.repository, jfw.clock);
      for (const [brandId, id] of [[OTHER, entity.id], [BRAND, 'x']]) {
        expect(await rejectionOf(patch.execute({ change: TEST_CHANGE, brandId, id, patch: { name: 'x' } }))).to.be.instanceOf(IntegrationAuthenticationNotFoundError);
      }
    });
  });

  describe('DeleteIntegrationAuthentication', () => {
    it('deletes within the brand only, honouring the expected version', async () => {
      const entity = await jfw.addConfiguration(BRAND, { isDefault: true });
      const del = new DeleteIntegrationAuthentication(jfw.repository, jfw.clock);
      expect(await rejectionOf(del.execute({ change: TEST_CHANGE, brandId: OTHER, id: entity.id }))).to.be.instanceOf(IntegrationAuthenticationNotFoundError);
      expect(await rejectionOf(del.execute({ change: TEST_CHANGE, brandId: BRAND, id: entity.id, expectedVersion: 9 }))).to.be.instanceOf(VersionMismatchError);
      expect(await jfw.repository.findById(BRAND, entity.id)).not.to.equal(null);
      await del.execute({ change: TEST_CHANGE, brandId: BRAND, id: entity.id, expectedVersion: 1 });
      expect(await jfw.repository.findById(BRAND, entity.id)).to.equal(null);
      expect(await jfw.repository.findForIntegration(BRAND, GOOGLE_ID)).to.deep.equal([]);
    });
  });

  describe('BuildAuthorizationUrl', () => {
    const build = () => new BuildAuthorizationUrl(jfw.repository, jfw.catalog, jfw.tokens);

    it('uses the only configuration and generates the state when none is given', async () => {
      await jfw.addConfiguration(BRAND, { clientId: 'only', authEndpoint: 'https://idp.example.com/auth' });
      const url = new URL(await build().execute({ brandId: BRAND, appIntegrationId: GOOGLE_ID }));
      expect(url.searchParams.get('client_id')).to.equal('only');
      expect(url.searchParams.get('state')).to.equal('token-1');
    });

    it('prefers the default, and refuses to guess among several without one', async () => {
      await jfw.addConfiguration(BRAND, { clientId: 'first' });
      await jfw.addConfiguration(BRAND, { clientId: 'second' });
      expect(await rejectionOf(build().execute({ brandId: BRAND, appIntegrationId: GOOGLE_ID }))).to.be.instanceOf(IntegrationAuthenticationUnusableError);
      await jfw.addConfiguration(BRAND, { clientId: 'chosen', isDefault: true });
      const url = new URL(await build().execute({ brandId: BRAND, appIntegrationId: GOOGLE_ID, state: 's', scope: 'openid' }));
      expect(url.searchParams.get('client_id')).to.equal('chosen');
      expect(url.searchParams.get('scope')).to.equal('openid');
      expect(url.searchParams.get('state')).to.equal('s');
    });

    it('tells an unknown integration from a brand without configuration', async () => {
      await jfw.addConfiguration(OTHER);
      expect(await rejectionOf(build().execute({ brandId: BRAND, appIntegrationId: GOOGLE_ID }))).to.be.instanceOf(IntegrationAuthenticationNotFoundError);
      expect(await rejectionOf(build().execute({ brandId: BRAND, appIntegrationId: 'Unknown00000000001' }))).to.be.instanceOf(AppIntegrationNotFoundError);
      expect(await rejectionOf(build().execute({ brandId: BRAND, appIntegrationId: 'bad' }))).to.be.instanceOf(AppIntegrationNotFoundError);
    });

    it('refuses a configuration without authEndpoint with a conflict', async () => {
      await jfw.addConfiguration(BRAND, { authEndpoint: null });
      const error = await rejectionOf(build().execute({ brandId: BRAND, appIntegrationId: GOOGLE_ID }));
      expect(error).to.be.instanceOf(IntegrationAuthenticationUnusableError).with.property('code', 'IntegrationAuthenticationUnusable');
    });
  });
});
