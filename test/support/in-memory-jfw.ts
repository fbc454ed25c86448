import { InMemoryAppIntegrationCatalog } from '../../src/adapters/persistence/in-memory/jfw/in-memory-app-integration.catalog';
import { InMemoryIntegrationAuthenticationRepository } from '../../src/adapters/persistence/in-memory/jfw/in-memory-integration-authentication.repository';
import { Clock } from '../../src/application/ports/clock';
import { IdGenerator } from '../../src/application/ports/id-generator';
import { TokenGenerator } from '../../src/application/ports/token-generator';
import { AppIntegration } from '../../src/domain/app-integration/app-integration';
import { IntegrationAuthentication } from '../../src/domain/integration-authentication/integration-authentication';
import { SettingsInput } from '../../src/domain/integration-authentication/integration-authentication-settings';
import { anIntegrationAuthenticationBody, GITHUB_ID, GOOGLE_ID } from './integration-authentication.mother';
import { TEST_CHANGE } from './change';

/** Advances one second per reading, so creation order is also time order. */
export class SteppingClock implements Clock {
  private millis = Date.UTC(2026, 0, 1);

  now(): Date {
    this.millis += 1000;
    return new Date(this.millis);
  }
}

/** Deterministic 18-character base62 ids: Id000000000000001, … */
export class SequentialIds implements IdGenerator {
  private n = 0;

  next(): string {
    this.n += 1;
    return `Id${String(this.n).padStart(16, '0')}`;
  }
}

export class FixedTokens implements TokenGenerator {
  private n = 0;

  generate(prefix = ''): string {
    this.n += 1;
    return `${prefix}token-${this.n}`;
  }

  hash(secret: string): string {
    return `hash:${secret}`;
  }

  matches(secret: string, storedHash: string): boolean {
    return this.hash(secret) === storedHash;
  }
}

export function catalogEntry(id: string, name: string, type = 'Authenticate'): AppIntegration {
  return AppIntegration.create({ id, type, name, domain: `https://${name.toLowerCase()}.example.com`, description: `Sign in with ${name}` });
}

/** The in-memory JFramework stores with Google and GitHub in the catalog. */
export function inMemoryJfw() {
  const catalog = new InMemoryAppIntegrationCatalog([catalogEntry(GOOGLE_ID, 'Google'), catalogEntry(GITHUB_ID, 'GitHub')]);
  const repository = new InMemoryIntegrationAuthenticationRepository(catalog);
  const clock = new SteppingClock();
  const ids = new SequentialIds();
  async function addConfiguration(brandId: string, overrides: Record<string, unknown> = {}): Promise<IntegrationAuthentication> {
    const settings = anIntegrationAuthenticationBody(overrides) as unknown as SettingsInput;
    const view = await repository.insert(IntegrationAuthentication.create({ id: ids.next(), brandId, settings, now: clock.now() }), TEST_CHANGE);
    return view.authentication;
  }
  return { catalog, repository, clock, ids, tokens: new FixedTokens(), addConfiguration };
}
