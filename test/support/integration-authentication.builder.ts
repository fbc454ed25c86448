import { AppIntegration } from '../../src/domain/app-integration/app-integration';
import { Brand } from '../../src/domain/brand/brand';
import { IntegrationAuthentication } from '../../src/domain/integration-authentication/integration-authentication';
import { SettingsInput } from '../../src/domain/integration-authentication/integration-authentication-settings';
import { SeededBase62Ids } from './seeded-ids';

/** Seeded: ids look random but repeat from run to run (TEST_SEED varies them). */
const ids = new SeededBase62Ids();

export function newId(): string {
  return ids.next();
}

export function aBrand(): Brand {
  const id = newId();
  return Brand.create({ id, url: `contract-${id.toLowerCase()}.example.com` });
}

export function aCatalogEntry(overrides: Partial<Parameters<typeof AppIntegration.create>[0]> = {}): AppIntegration {
  const id = newId();
  // A name of its own: the catalog holds one entry per type and name, and suites share the database.
  return AppIntegration.create({ id, type: 'Authenticate', name: `Contract IdP ${id}`, domain: 'https://idp.example.com', ...overrides });
}

export function someSettings(appIntegrationId: string, overrides: Partial<SettingsInput> = {}): SettingsInput {
  return {
    appIntegrationId,
    code: `CODE_${newId()}`,
    name: 'Contract configuration',
    projectId: 'project-1',
    clientId: 'client-1',
    clientSecret: `secret-${newId()}`,
    redirectURI: 'https://app.example.com/callback',
    scope: 'openid',
    ...overrides,
  };
}

export function anAuthentication(
  brandId: string,
  appIntegrationId: string,
  overrides: Partial<SettingsInput> = {},
  now = new Date('2026-01-01T00:00:00.000Z'),
): IntegrationAuthentication {
  return IntegrationAuthentication.create({ id: newId(), brandId, settings: someSettings(appIntegrationId, overrides), now });
}
