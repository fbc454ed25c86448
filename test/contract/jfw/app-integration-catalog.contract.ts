import { expect } from 'chai';
import { AppIntegrationCatalog } from '../../../src/application/ports/app-integration-catalog';
import { AppIntegrationAlreadyExistsError } from '../../../src/domain/app-integration/app-integration-errors';
import { aCatalogEntry, newId } from '../../support/integration-authentication.builder';
import { rejectionOf } from '../../support/rejection';
import { TEST_CHANGE } from '../../support/change';

/** The behaviour every AppIntegrationCatalog must show, whatever stores it. */
export function appIntegrationCatalogContract(name: string, makeCatalog: () => AppIntegrationCatalog): void {
  describe(`AppIntegrationCatalog contract: ${name}`, () => {
    let catalog: AppIntegrationCatalog;
    beforeEach(() => {
      catalog = makeCatalog();
    });

    it('refuses a second entry with the same type and name, in any letter case, naming the first', async () => {
      const first = aCatalogEntry({ type: 'PaymentGateway', name: `Pay ${newId()}` });
      await catalog.add(first, TEST_CHANGE);
      const again = aCatalogEntry({ type: 'PaymentGateway', name: first.snapshot().name.toUpperCase() });
      const error = await rejectionOf(catalog.add(again, TEST_CHANGE));
      expect(error).to.be.instanceOf(AppIntegrationAlreadyExistsError);
      expect((error as AppIntegrationAlreadyExistsError).existingId).to.equal(first.id);
      expect((error as Error).message).to.include(first.id);
      expect((error as AppIntegrationAlreadyExistsError).entryName, 'the name as the first entry spells it').to.equal(first.snapshot().name);
      expect(await catalog.findById(again.id), 'nothing stored').to.equal(null);
    });

    it('takes the same name under another type', async () => {
      const name = `Both ${newId()}`;
      await catalog.add(aCatalogEntry({ type: 'SMS', name }), TEST_CHANGE);
      const other = aCatalogEntry({ type: 'SMTP', name });
      await catalog.add(other, TEST_CHANGE);
      expect((await catalog.findById(other.id))?.snapshot().name).to.equal(name);
    });
  });
}
