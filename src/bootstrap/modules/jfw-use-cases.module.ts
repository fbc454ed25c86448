import { ContainerModule } from 'inversify';
import { bindUseCase } from './bind-use-case';
import { CreateAppIntegration } from '../../application/app-integration/create-app-integration.use-case';
import { GetAppIntegration } from '../../application/app-integration/get-app-integration.use-case';
import { ListAppIntegrations } from '../../application/app-integration/list-app-integrations.use-case';
import { AuthenticateBrand } from '../../application/brand/authenticate-brand.use-case';
import { CreateBrandKey } from '../../application/brand/create-brand-key.use-case';
import { CreateBrand } from '../../application/brand/create-brand.use-case';
import { RevokeBrandKeys } from '../../application/brand/revoke-brand-keys.use-case';
import { BuildAuthorizationUrl } from '../../application/integration-authentication/build-authorization-url.use-case';
import { CreateIntegrationAuthentication } from '../../application/integration-authentication/create-integration-authentication.use-case';
import { DeleteIntegrationAuthentication } from '../../application/integration-authentication/delete-integration-authentication.use-case';
import { GetIntegrationAuthentication } from '../../application/integration-authentication/get-integration-authentication.use-case';
import { ListIntegrationAuthentications } from '../../application/integration-authentication/list-integration-authentications.use-case';
import { PatchIntegrationAuthentication } from '../../application/integration-authentication/patch-integration-authentication.use-case';
import { UpdateIntegrationAuthentication } from '../../application/integration-authentication/update-integration-authentication.use-case';
import { APP_INTEGRATION_CATALOG } from '../../application/ports/app-integration-catalog';
import { BRAND_REPOSITORY } from '../../application/ports/brand.repository';
import { CLOCK } from '../../application/ports/clock';
import { ID_GENERATOR } from '../../application/ports/id-generator';
import { INTEGRATION_AUTHENTICATION_REPOSITORY } from '../../application/ports/integration-authentication.repository';
import { TOKEN_GENERATOR } from '../../application/ports/token-generator';

const REPO = INTEGRATION_AUTHENTICATION_REPOSITORY;

/**
 * The JFramework use cases, keyed by their classes. They carry no
 * decorators: the application layer stays free of the container, and this
 * module lists each constructor's ports in order.
 */
export function jfwUseCasesModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bindUseCase(bind, CreateIntegrationAuthentication, [REPO, ID_GENERATOR, CLOCK]);
    bindUseCase(bind, GetIntegrationAuthentication, [REPO]);
    bindUseCase(bind, UpdateIntegrationAuthentication, [REPO, CLOCK]);
    bindUseCase(bind, PatchIntegrationAuthentication, [REPO, CLOCK]);
    bindUseCase(bind, ListIntegrationAuthentications, [REPO]);
    bindUseCase(bind, DeleteIntegrationAuthentication, [REPO]);
    bindUseCase(bind, BuildAuthorizationUrl, [REPO, APP_INTEGRATION_CATALOG, TOKEN_GENERATOR]);
    bindUseCase(bind, ListAppIntegrations, [APP_INTEGRATION_CATALOG]);
    bindUseCase(bind, GetAppIntegration, [APP_INTEGRATION_CATALOG]);
    bindUseCase(bind, AuthenticateBrand, [BRAND_REPOSITORY, TOKEN_GENERATOR]);
    bindUseCase(bind, CreateBrand, [BRAND_REPOSITORY, ID_GENERATOR]);
    bindUseCase(bind, CreateBrandKey, [BRAND_REPOSITORY, ID_GENERATOR, TOKEN_GENERATOR, CLOCK]);
    bindUseCase(bind, RevokeBrandKeys, [BRAND_REPOSITORY, CLOCK]);
    bindUseCase(bind, CreateAppIntegration, [APP_INTEGRATION_CATALOG, ID_GENERATOR]);
  });
}
