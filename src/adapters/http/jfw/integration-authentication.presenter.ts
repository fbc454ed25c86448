import { IntegrationAuthenticationView } from '../../../application/ports/integration-authentication.repository';
import { AppIntegrationSnapshot } from '../../../domain/app-integration/app-integration';

/** The catalog summary, key order as in seed 000. */
export function presentAppIntegration(p: AppIntegrationSnapshot) {
  return {
    type: p.type,
    name: p.name,
    domain: p.domain,
    description: p.description,
    logoURL: p.logoURL,
    status: p.status,
    id: p.id,
  };
}

/** Seed 000's `data` shape plus creation and update times. */
export function presentIntegrationAuthentication(view: IntegrationAuthenticationView) {
  const s = view.authentication.snapshot();
  return {
    appIntegration: presentAppIntegration(view.appIntegration),
    isDefault: s.isDefault,
    status: s.status,
    description: s.description,
    tags: s.tags,
    iconURL: s.iconURL,
    tokenEndpoint: s.tokenEndpoint,
    id: s.id,
    authEndpoint: s.authEndpoint,
    redirectURI: s.redirectURI,
    clientSecret: s.clientSecret,
    clientId: s.clientId,
    projectId: s.projectId,
    name: s.name,
    code: s.code,
    scope: s.scope,
    createdDate: s.createdDate.toISOString(),
    updatedDate: s.updatedDate.toISOString(),
  };
}
