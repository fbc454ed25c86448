import { createInMemoryPortalRepositories } from '../../../src/adapters/persistence/in-memory/portal/in-memory-portal.repositories';
import { AccessRequest } from '../../../src/domain/access-request/access-request';
import { ApiProduct, ApiProductInput } from '../../../src/domain/api-product/api-product';
import { PortalApp, PortalAppInput } from '../../../src/domain/portal-app/portal-app';
import { PortalUser, PortalUserInput } from '../../../src/domain/portal-user/portal-user';
import { FixedClock } from '../fixed-clock';
import { ApiProductMother, PortalAppMother, PortalUserMother } from './portal-mother';
import { SequentialTokenGenerator } from './sequential-token-generator';
import { TEST_CHANGE } from '../change';

/** Fresh in-memory repositories, a fixed clock, predictable tokens, and givens. */
export function portalTestbed() {
  const repos = createInMemoryPortalRepositories();
  const clock = new FixedClock(new Date('2023-06-25T13:37:00Z')); // seed 003's CreatedAt
  const tokens = new SequentialTokenGenerator();

  const givenUser = (overrides: Partial<PortalUserInput> = {}): Promise<PortalUser> =>
    repos.users.create(PortalUser.create(PortalUserMother.input(overrides), clock.now()), TEST_CHANGE);

  const givenProduct = (overrides: Partial<ApiProductInput> = {}): Promise<ApiProduct> =>
    repos.products.create(ApiProduct.create(ApiProductMother.input(overrides), clock.now()), TEST_CHANGE);

  const givenApp = async (overrides: Partial<PortalAppInput> = {}): Promise<PortalApp> => {
    const userId = overrides.userId ?? (await givenUser()).id;
    return repos.apps.create(PortalApp.create(PortalAppMother.input(userId, overrides), clock.now()), TEST_CHANGE);
  };

  const givenAccessRequest = async (
    app?: PortalApp,
    products?: ApiProduct[],
  ): Promise<AccessRequest> => {
    const forApp = app ?? (await givenApp());
    const forProducts = products ?? [await givenProduct()];
    return repos.accessRequests.create(AccessRequest.request(forApp, forProducts, { plan: 'Free plan' }, clock.now()), TEST_CHANGE);
  };

  return { repos, clock, tokens, givenUser, givenProduct, givenApp, givenAccessRequest };
}

export type PortalTestbed = ReturnType<typeof portalTestbed>;

export { rejectionOf } from '../rejection';
