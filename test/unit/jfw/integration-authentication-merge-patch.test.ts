import { expect } from 'chai';
import { IntegrationAuthentication } from '../../../src/domain/integration-authentication/integration-authentication';
import { SettingsInput } from '../../../src/domain/integration-authentication/integration-authentication-settings';
import { ValidationError } from '../../../src/domain/shared/domain-error';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';

const T0 = new Date('2026-01-01T00:00:00Z');
const T1 = new Date('2026-01-02T00:00:00Z');

function anEntity(overrides: Record<string, unknown> = {}): IntegrationAuthentication {
  const settings = anIntegrationAuthenticationBody(overrides) as unknown as SettingsInput;
  return IntegrationAuthentication.create({ id: 'Id0000000000000001', brandId: 'Brand0000000000001', settings, now: T0 });
}

function violationsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error.violations.map((v) => v.field);
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('IntegrationAuthentication.changeSettings (JSON Merge Patch)', () => {
  it('replaces the given fields, keeps the others, advances version and updatedDate', () => {
    const entity = anEntity();
    const changed = entity.changeSettings({ name: 'New name', status: 'Inactive' }, T1);
    expect(changed.settings).to.deep.equal({ ...entity.settings, name: 'New name', status: 'Inactive' });
    expect(changed.version).to.equal(entity.version + 1);
    expect(changed.snapshot().updatedDate).to.equal(T1);
    expect(changed.snapshot().createdDate).to.equal(T0);
    expect(entity.settings.name).not.to.equal('New name');
  });

  it('clears nullable fields given as null', () => {
    const changed = anEntity().changeSettings({ authEndpoint: null, tokenEndpoint: null, iconURL: null, tags: null, description: null }, T1);
    expect(changed.settings).to.include({ authEndpoint: null, tokenEndpoint: null, iconURL: null, tags: null, description: null });
  });

  it('refuses null on required and non-nullable fields, naming each', () => {
    expect(violationsOf(() => anEntity().changeSettings({ clientId: null, status: null, isDefault: null }, T1))).to.have.members([
      'clientId', 'status', 'isDefault',
    ]);
  });

  it('applies the same rules as a replacement', () => {
    expect(violationsOf(() => anEntity().changeSettings({ redirectURI: 'http://public.example.com/cb', iconURL: 'ftp://x' }, T1))).to.have.members([
      'redirectURI', 'iconURL',
    ]);
  });

  it('answers the same entity, no new version, for a patch that changes nothing: empty, or every field at its value', () => {
    const entity = anEntity();
    const { name, clientSecret, tags } = entity.settings;
    for (const patch of [{}, { name, clientSecret, tags }, { status: 'Active' }, { isDefault: false }]) {
      const same = entity.changeSettings(patch, T1);
      expect(same, JSON.stringify(patch)).to.equal(entity);
      expect(same.version).to.equal(1);
      expect(same.snapshot().updatedDate).to.equal(T0);
    }
    expect(entity.changeSettings({ tags: null }, T1).version, 'a change').to.equal(2);
  });

  it('still validates the settings of a patch that changes nothing (a stored secret that did not decrypt must be given anew)', () => {
    const unreadable = IntegrationAuthentication.restore({ ...anEntity().snapshot(), clientSecret: null });
    expect(violationsOf(() => unreadable.changeSettings({}, T1))).to.deep.equal(['clientSecret']);
  });
});
