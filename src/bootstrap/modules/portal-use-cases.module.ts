import { ContainerModule } from 'inversify';
import { bindUseCase } from './bind-use-case';
import { CLOCK } from '../../application/ports/clock';
import { ACCESS_REQUEST_REPOSITORY } from '../../application/ports/portal/access-request.repository';
import { API_PRODUCT_REPOSITORY } from '../../application/ports/portal/api-product.repository';
import { PORTAL_ADMIN_REPOSITORY } from '../../application/ports/portal/portal-admin.repository';
import { PORTAL_APP_REPOSITORY } from '../../application/ports/portal/portal-app.repository';
import { PORTAL_USER_REPOSITORY } from '../../application/ports/portal/portal-user.repository';
import { TOKEN_GENERATOR } from '../../application/ports/token-generator';
import { ApproveAccessRequest } from '../../application/portal/approve-access-request.use-case';
import { AuthenticatePortalAdmin } from '../../application/portal/authenticate-portal-admin.use-case';
import { CreateApiProduct } from '../../application/portal/create-api-product.use-case';
import { CreatePortalAdmin } from '../../application/portal/create-portal-admin.use-case';
import { CreatePortalApp } from '../../application/portal/create-portal-app.use-case';
import { CreatePortalUser } from '../../application/portal/create-portal-user.use-case';
import { DeleteAccessRequest } from '../../application/portal/delete-access-request.use-case';
import { DeletePortalApp } from '../../application/portal/delete-portal-app.use-case';
import { DeletePortalUser } from '../../application/portal/delete-portal-user.use-case';
import { GetAccessRequest } from '../../application/portal/get-access-request.use-case';
import { GetApiProduct } from '../../application/portal/get-api-product.use-case';
import { GetAppAccessRequest } from '../../application/portal/get-app-access-request.use-case';
import { GetPortalApp } from '../../application/portal/get-portal-app.use-case';
import { GetPortalUser } from '../../application/portal/get-portal-user.use-case';
import { ListAccessRequestCredentials } from '../../application/portal/list-access-request-credentials.use-case';
import { ListAccessRequests } from '../../application/portal/list-access-requests.use-case';
import { ListApiProducts } from '../../application/portal/list-api-products.use-case';
import { ListAppAccessRequests } from '../../application/portal/list-app-access-requests.use-case';
import { ListPortalApps } from '../../application/portal/list-portal-apps.use-case';
import { ListPortalUsers } from '../../application/portal/list-portal-users.use-case';
import { ProvisionPortalApp } from '../../application/portal/provision-portal-app.use-case';
import { RejectAccessRequest } from '../../application/portal/reject-access-request.use-case';
import { RevokePortalAdmin } from '../../application/portal/revoke-portal-admin.use-case';
import { RotateCredential } from '../../application/portal/rotate-credential.use-case';
import { UpdatePortalApp } from '../../application/portal/update-portal-app.use-case';
import { UpdatePortalUser } from '../../application/portal/update-portal-user.use-case';

const USERS = PORTAL_USER_REPOSITORY;
const APPS = PORTAL_APP_REPOSITORY;
const PRODUCTS = API_PRODUCT_REPOSITORY;
const REQUESTS = ACCESS_REQUEST_REPOSITORY;
const ADMINS = PORTAL_ADMIN_REPOSITORY;

/** The developer-portal use cases, keyed by their classes, each constructor's ports in order. */
export function portalUseCasesModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bindUseCase(bind, AuthenticatePortalAdmin, [ADMINS, TOKEN_GENERATOR]);
    bindUseCase(bind, CreatePortalAdmin, [ADMINS, TOKEN_GENERATOR, CLOCK]);
    bindUseCase(bind, RevokePortalAdmin, [ADMINS]);

    bindUseCase(bind, CreatePortalUser, [USERS, CLOCK]);
    bindUseCase(bind, GetPortalUser, [USERS]);
    bindUseCase(bind, ListPortalUsers, [USERS]);
    bindUseCase(bind, UpdatePortalUser, [USERS, CLOCK]);
    bindUseCase(bind, DeletePortalUser, [USERS]);

    bindUseCase(bind, CreateApiProduct, [PRODUCTS, CLOCK]);
    bindUseCase(bind, GetApiProduct, [PRODUCTS]);
    bindUseCase(bind, ListApiProducts, [PRODUCTS]);

    bindUseCase(bind, CreatePortalApp, [APPS, CLOCK]);
    bindUseCase(bind, GetPortalApp, [APPS, REQUESTS]);
    bindUseCase(bind, ListPortalApps, [APPS, REQUESTS]);
    bindUseCase(bind, UpdatePortalApp, [APPS, REQUESTS, CLOCK]);
    bindUseCase(bind, DeletePortalApp, [APPS]);
    bindUseCase(bind, ProvisionPortalApp, [APPS, PRODUCTS, REQUESTS, CLOCK]);

    bindUseCase(bind, ListAccessRequests, [REQUESTS]);
    bindUseCase(bind, GetAccessRequest, [REQUESTS]);
    bindUseCase(bind, DeleteAccessRequest, [REQUESTS]);
    bindUseCase(bind, ApproveAccessRequest, [REQUESTS, PRODUCTS, TOKEN_GENERATOR, CLOCK]);
    bindUseCase(bind, RejectAccessRequest, [REQUESTS, CLOCK]);
    bindUseCase(bind, ListAppAccessRequests, [APPS, REQUESTS]);
    bindUseCase(bind, GetAppAccessRequest, [APPS, REQUESTS]);
    bindUseCase(bind, ListAccessRequestCredentials, [APPS, REQUESTS]);
    bindUseCase(bind, RotateCredential, [APPS, REQUESTS, TOKEN_GENERATOR, CLOCK]);
  });
}
