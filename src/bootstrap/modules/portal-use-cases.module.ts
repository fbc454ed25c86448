import { ContainerModule } from 'inversify';
import { bindUseCase } from './bind-use-case';
import { CLOCK } from '../../application/ports/clock';
import { ACCESS_REQUEST_REPOSITORY } from '../../application/ports/portal/access-request.repository';
import { API_PRODUCT_REPOSITORY } from '../../application/ports/portal/api-product.repository';
import { PORTAL_ADMIN_REPOSITORY } from '../../application/ports/portal/portal-admin.repository';
import { PORTAL_APP_REPOSITORY } from '../../application/ports/portal/portal-app.repository';
import { PORTAL_USER_REPOSITORY } from '../../application/ports/portal/portal-user.repository';
import { TOKEN_GENERATOR } from '../../application/ports/token-generator';
import { ApproveAccessRequestUseCase } from '../../application/portal/approve-access-request.use-case';
import { AuthenticatePortalAdminUseCase } from '../../application/portal/authenticate-portal-admin.use-case';
import { CreateApiProductUseCase } from '../../application/portal/create-api-product.use-case';
import { CreatePortalAdminUseCase } from '../../application/portal/create-portal-admin.use-case';
import { CreatePortalAppUseCase } from '../../application/portal/create-portal-app.use-case';
import { CreatePortalUserUseCase } from '../../application/portal/create-portal-user.use-case';
import { DeleteAccessRequestUseCase } from '../../application/portal/delete-access-request.use-case';
import { DeletePortalAppUseCase } from '../../application/portal/delete-portal-app.use-case';
import { DeletePortalUserUseCase } from '../../application/portal/delete-portal-user.use-case';
import { GetAccessRequestUseCase } from '../../application/portal/get-access-request.use-case';
import { GetApiProductUseCase } from '../../application/portal/get-api-product.use-case';
import { GetAppAccessRequestUseCase } from '../../application/portal/get-app-access-request.use-case';
import { GetPortalAppUseCase } from '../../application/portal/get-portal-app.use-case';
import { GetPortalUserUseCase } from '../../application/portal/get-portal-user.use-case';
import { ListAccessRequestCredentialsUseCase } from '../../application/portal/list-access-request-credentials.use-case';
import { ListAccessRequestsUseCase } from '../../application/portal/list-access-requests.use-case';
import { ListApiProductsUseCase } from '../../application/portal/list-api-products.use-case';
import { ListAppAccessRequestsUseCase } from '../../application/portal/list-app-access-requests.use-case';
import { ListPortalAppsUseCase } from '../../application/portal/list-portal-apps.use-case';
import { ListPortalUsersUseCase } from '../../application/portal/list-portal-users.use-case';
import { ProvisionPortalAppUseCase } from '../../application/portal/provision-portal-app.use-case';
import { RejectAccessRequestUseCase } from '../../application/portal/reject-access-request.use-case';
import { RevokePortalAdminUseCase } from '../../application/portal/revoke-portal-admin.use-case';
import { RotateCredentialUseCase } from '../../application/portal/rotate-credential.use-case';
import { UpdatePortalAppUseCase } from '../../application/portal/update-portal-app.use-case';
import { UpdatePortalUserUseCase } from '../../application/portal/update-portal-user.use-case';

const USERS = PORTAL_USER_REPOSITORY;
const APPS = PORTAL_APP_REPOSITORY;
const PRODUCTS = API_PRODUCT_REPOSITORY;
const REQUESTS = ACCESS_REQUEST_REPOSITORY;
const ADMINS = PORTAL_ADMIN_REPOSITORY;

/** The developer-portal use cases, keyed by their classes, each constructor's ports in order. */
export function portalUseCasesModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bindUseCase(bind, AuthenticatePortalAdminUseCase, [ADMINS, TOKEN_GENERATOR]);
    bindUseCase(bind, CreatePortalAdminUseCase, [ADMINS, TOKEN_GENERATOR, CLOCK]);
    bindUseCase(bind, RevokePortalAdminUseCase, [ADMINS]);

    bindUseCase(bind, CreatePortalUserUseCase, [USERS, CLOCK]);
    bindUseCase(bind, GetPortalUserUseCase, [USERS]);
    bindUseCase(bind, ListPortalUsersUseCase, [USERS]);
    bindUseCase(bind, UpdatePortalUserUseCase, [USERS, CLOCK]);
    bindUseCase(bind, DeletePortalUserUseCase, [USERS]);

    bindUseCase(bind, CreateApiProductUseCase, [PRODUCTS, CLOCK]);
    bindUseCase(bind, GetApiProductUseCase, [PRODUCTS]);
    bindUseCase(bind, ListApiProductsUseCase, [PRODUCTS]);

    bindUseCase(bind, CreatePortalAppUseCase, [APPS, CLOCK]);
    bindUseCase(bind, GetPortalAppUseCase, [APPS, REQUESTS]);
    bindUseCase(bind, ListPortalAppsUseCase, [APPS, REQUESTS]);
    bindUseCase(bind, UpdatePortalAppUseCase, [APPS, REQUESTS, CLOCK]);
    bindUseCase(bind, DeletePortalAppUseCase, [APPS]);
    bindUseCase(bind, ProvisionPortalAppUseCase, [APPS, PRODUCTS, REQUESTS, CLOCK]);

    bindUseCase(bind, ListAccessRequestsUseCase, [REQUESTS]);
    bindUseCase(bind, GetAccessRequestUseCase, [REQUESTS]);
    bindUseCase(bind, DeleteAccessRequestUseCase, [REQUESTS]);
    bindUseCase(bind, ApproveAccessRequestUseCase, [REQUESTS, PRODUCTS, TOKEN_GENERATOR, CLOCK]);
    bindUseCase(bind, RejectAccessRequestUseCase, [REQUESTS, CLOCK]);
    bindUseCase(bind, ListAppAccessRequestsUseCase, [APPS, REQUESTS]);
    bindUseCase(bind, GetAppAccessRequestUseCase, [APPS, REQUESTS]);
    bindUseCase(bind, ListAccessRequestCredentialsUseCase, [APPS, REQUESTS]);
    bindUseCase(bind, RotateCredentialUseCase, [APPS, REQUESTS, TOKEN_GENERATOR, CLOCK]);
  });
}
