import { ApproveAccessRequest } from '../../../application/portal/approve-access-request.use-case';
import { AuthenticatePortalAdmin } from '../../../application/portal/authenticate-portal-admin.use-case';
import { CreateApiProduct } from '../../../application/portal/create-api-product.use-case';
import { CreatePortalApp } from '../../../application/portal/create-portal-app.use-case';
import { CreatePortalUser } from '../../../application/portal/create-portal-user.use-case';
import { DeleteAccessRequest } from '../../../application/portal/delete-access-request.use-case';
import { DeletePortalApp } from '../../../application/portal/delete-portal-app.use-case';
import { DeletePortalUser } from '../../../application/portal/delete-portal-user.use-case';
import { GetAccessRequest } from '../../../application/portal/get-access-request.use-case';
import { GetApiProduct } from '../../../application/portal/get-api-product.use-case';
import { GetAppAccessRequest } from '../../../application/portal/get-app-access-request.use-case';
import { GetPortalApp } from '../../../application/portal/get-portal-app.use-case';
import { GetPortalUser } from '../../../application/portal/get-portal-user.use-case';
import { ListAccessRequestCredentials } from '../../../application/portal/list-access-request-credentials.use-case';
import { ListAccessRequests } from '../../../application/portal/list-access-requests.use-case';
import { ListApiProducts } from '../../../application/portal/list-api-products.use-case';
import { ListAppAccessRequests } from '../../../application/portal/list-app-access-requests.use-case';
import { ListPortalApps } from '../../../application/portal/list-portal-apps.use-case';
import { ListPortalUsers } from '../../../application/portal/list-portal-users.use-case';
import { ProvisionPortalApp } from '../../../application/portal/provision-portal-app.use-case';
import { RejectAccessRequest } from '../../../application/portal/reject-access-request.use-case';
import { RotateCredential } from '../../../application/portal/rotate-credential.use-case';
import { UpdatePortalApp } from '../../../application/portal/update-portal-app.use-case';
import { UpdatePortalUser } from '../../../application/portal/update-portal-user.use-case';

/** Every use case the portal surface calls; the composition root fills it from the container. */
export interface PortalUseCases {
  readonly authenticate: AuthenticatePortalAdmin;
  readonly users: {
    readonly create: CreatePortalUser;
    readonly get: GetPortalUser;
    readonly list: ListPortalUsers;
    readonly update: UpdatePortalUser;
    readonly delete: DeletePortalUser;
  };
  readonly products: {
    readonly create: CreateApiProduct;
    readonly get: GetApiProduct;
    readonly list: ListApiProducts;
  };
  readonly apps: {
    readonly create: CreatePortalApp;
    readonly get: GetPortalApp;
    readonly list: ListPortalApps;
    readonly update: UpdatePortalApp;
    readonly delete: DeletePortalApp;
    readonly provision: ProvisionPortalApp;
    readonly listAccessRequests: ListAppAccessRequests;
    readonly getAccessRequest: GetAppAccessRequest;
    readonly listCredentials: ListAccessRequestCredentials;
    readonly rotateCredential: RotateCredential;
  };
  readonly accessRequests: {
    readonly list: ListAccessRequests;
    readonly get: GetAccessRequest;
    readonly delete: DeleteAccessRequest;
    readonly approve: ApproveAccessRequest;
    readonly reject: RejectAccessRequest;
  };
}
