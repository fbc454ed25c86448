import { IntegrationAuthenticationView } from '../../../../application/ports/integration-authentication.repository';
import { FieldChange } from '../../../../domain/audit/audit-entry';
import { fieldChanges } from '../../../../domain/audit/recorded-change';

/** The audited fields as the surface spells them (ih_integration_authentication_audited_fields). */
const FIELDS = ['appIntegrationId', 'code', 'name', 'projectId', 'clientId', 'redirectURI', 'scope', 'authEndpoint',
  'tokenEndpoint', 'iconURL', 'tags', 'description', 'status', 'isDefault'];

export function authenticationChanges(before: IntegrationAuthenticationView | null, after: IntegrationAuthenticationView | null): FieldChange[] {
  const fields = (view: IntegrationAuthenticationView | null) => (view === null ? null : { ...view.authentication.settings });
  return fieldChanges(fields(before), fields(after), FIELDS, ['clientSecret']);
}

/** An event's data: the resource as the JFramework surface answers it, without clientSecret (ih_integration_authentication_json). */
export function authenticationEventData(view: IntegrationAuthenticationView): unknown {
  const s = view.authentication.snapshot();
  const a = view.appIntegration;
  return {
    appIntegration: { type: a.type, name: a.name, domain: a.domain, description: a.description, logoURL: a.logoURL, status: a.status, id: a.id },
    isDefault: s.isDefault, status: s.status, description: s.description, tags: s.tags, iconURL: s.iconURL,
    tokenEndpoint: s.tokenEndpoint, id: s.id, authEndpoint: s.authEndpoint, redirectURI: s.redirectURI, clientId: s.clientId,
    projectId: s.projectId, name: s.name, code: s.code, scope: s.scope,
    createdDate: s.createdDate.toISOString(), updatedDate: s.updatedDate.toISOString(),
  };
}
