import { ApproveAccessRequestUseCase } from '../../../application/portal/approve-access-request.use-case';
import { AuthenticatePortalAdminUseCase } from '../../../application/portal/authenticate-portal-admin.use-case';
import { CreateApiProductUseCase } from '../../../application/portal/create-api-product.use-case';
import { CreatePortalAppUseCase } from '../../../application/portal/create-portal-app.use-case';
import { CreatePortalUserUseCase } from '../../../application/portal/create-portal-user.use-case';
import { DeleteAccessRequestUseCase } from '../../../application/portal/delete-access-request.use-case';
import { DeletePortalAppUseCase } from '../../../application/portal/delete-portal-app.use-case';
import { DeletePortalUserUseCase } from '../../../application/portal/delete-portal-user.use-case';
import { GetAccessRequestUseCase } from '../../../application/portal/get-access-request.use-case';
import { GetApiProductUseCase } from '../../../application/portal/get-api-product.use-case';
import { GetAppAccessRequestUseCase } from '../../../application/portal/get-app-access-request.use-case';
import { GetPortalAppUseCase } from '../../../application/portal/get-portal-app.use-case';
import { GetPortalUserUseCase } from '../../../application/portal/get-portal-user.use-case';
import { ListAccessRequestCredentialsUseCase } from '../../../application/portal/list-access-request-credentials.use-case';
import { ListAccessRequestsUseCase } from '../../../application/portal/list-access-requests.use-case';
import { ListApiProductsUseCase } from '../../../application/portal/list-api-products.use-case';
import { ListAppAccessRequestsUseCase } from '../../../application/portal/list-app-access-requests.use-case';
import { ListPortalAppsUseCase } from '../../../application/portal/list-portal-apps.use-case';
import { ListPortalUsersUseCase } from '../../../application/portal/list-portal-users.use-case';
import { ProvisionPortalAppUseCase } from '../../../application/portal/provision-portal-app.use-case';
import { RejectAccessRequestUseCase } from '../../../application/portal/reject-access-request.use-case';
import { RotateCredentialUseCase } from '../../../application/portal/rotate-credential.use-case';
import { UpdatePortalAppUseCase } from '../../../application/portal/update-portal-app.use-case';
import { UpdatePortalUserUseCase } from '../../../application/portal/update-portal-user.use-case';

/** Every use case the portal surface calls; the composition root fills it from the container. */
export interface PortalUseCases {
  readonly authenticate: AuthenticatePortalAdminUseCase;
  readonly users: {
    readonly create: CreatePortalUserUseCase;
    readonly get: GetPortalUserUseCase;
    readonly list: ListPortalUsersUseCase;
    readonly update: UpdatePortalUserUseCase;
    readonly delete: DeletePortalUserUseCase;
  };
  readonly products: {
    readonly create: CreateApiProductUseCase;
    readonly get: GetApiProductUseCase;
    readonly list: ListApiProductsUseCase;
  };
  readonly apps: {
    readonly create: CreatePortalAppUseCase;
    readonly get: GetPortalAppUseCase;
    readonly list: ListPortalAppsUseCase;
    readonly update: UpdatePortalAppUseCase;
    readonly delete: DeletePortalAppUseCase;
    readonly provision: ProvisionPortalAppUseCase;
    readonly listAccessRequests: ListAppAccessRequestsUseCase;
    readonly getAccessRequest: GetAppAccessRequestUseCase;
    readonly listCredentials: ListAccessRequestCredentialsUseCase;
    readonly rotateCredential: RotateCredentialUseCase;
  };
  readonly accessRequests: {
    readonly list: ListAccessRequestsUseCase;
    readonly get: GetAccessRequestUseCase;
    readonly delete: DeleteAccessRequestUseCase;
    readonly approve: ApproveAccessRequestUseCase;
    readonly reject: RejectAccessRequestUseCase;
  };
}
