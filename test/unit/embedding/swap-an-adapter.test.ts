import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { ContainerModule } from 'inversify';
import { CreateAppIntegration, CreateIntegrationAuthentication, CLOCK, createContainer } from '../../../src';
import { FixedClock } from '../../support/fixed-clock';
import { someSettings } from '../../support/integration-authentication.builder';
import { TEST_CHANGE } from '../../support/change';

describe('embedding: swapping one adapter by rebinding its token', () => {
  it('runs the use case on the host’s own clock', async () => {
    const clock = new FixedClock(new Date('2030-05-06T07:08:09.000Z'));
    const container = createContainer({
      persistence: { kind: 'in-memory' },
      secretKey: randomBytes(32).toString('base64'),
      overrides: [new ContainerModule(({ rebind }) => void rebind(CLOCK).toConstantValue(clock))],
    });
    const entry = await container.get(CreateAppIntegration).execute({ change: TEST_CHANGE, type: 'Authenticate', name: 'IdP', domain: 'https://idp.example.com' });
    const view = await container.get(CreateIntegrationAuthentication).execute({ change: TEST_CHANGE, brandId: 'b', settings: someSettings(entry.id) });
    expect(view.authentication.snapshot().createdDate.toISOString()).to.equal('2030-05-06T07:08:09.000Z');
  });

  it('resolves each use case class the package exports, whether or not the container says it is bound', () => {
    const container = createContainer({ persistence: { kind: 'in-memory' }, secretKey: randomBytes(32).toString('base64') });
    // Use case classes are the exported functions with static `ports`: none is skipped for being unbound.
    const useCases = Object.values(require('../../../src') as Record<string, unknown>).filter(
      (value): value is new (...args: never[]) => unknown => typeof value === 'function' && 'ports' in value,
    );
    expect(useCases.map((useCase) => useCase.name)).to.include.members(['CreateBrand', 'CreateBrandKey', 'CreatePortalApp', 'ReencryptSecrets']);
    for (const useCase of useCases) expect(container.get(useCase), useCase.name).to.be.instanceOf(useCase);
  });
});
