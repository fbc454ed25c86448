import { expect } from 'chai';
import { AuthType } from '../../../src/domain/api-product/auth-type';
import { PortalEmail } from '../../../src/domain/portal-user/portal-email';
import { UserRole } from '../../../src/domain/portal-user/user-role';
import { Visibility } from '../../../src/domain/portal-app/visibility';
import { ValidationError } from '../../../src/domain/shared/domain-error';

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(ValidationError);
    return (error as ValidationError).violations[0].field;
  }
  throw new Error('expected a ValidationError');
}

describe('Visibility', () => {
  it('accepts personal, team and organisation', () => {
    for (const v of ['personal', 'team', 'organisation']) expect(Visibility.create(v).value).to.equal(v);
  });

  it('defaults to organisation', () => {
    expect(Visibility.DEFAULT.value).to.equal('organisation');
  });

  it('rejects an unknown visibility, naming the field', () => {
    expect(fieldOf(() => Visibility.create('public'))).to.equal('visibility');
  });
});

describe('PortalEmail', () => {
  it('lower-cases and trims so uniqueness ignores spelling', () => {
    expect(PortalEmail.create('  Ada@Example.COM ').value).to.equal('ada@example.com');
  });

  it('rejects an address without a domain', () => {
    expect(fieldOf(() => PortalEmail.create('ada@'))).to.equal('email');
  });

  it('rejects a blank address', () => {
    expect(fieldOf(() => PortalEmail.create('  '))).to.equal('email');
  });
});

describe('UserRole', () => {
  it('accepts the three portal roles', () => {
    for (const r of ['consumer-admin', 'consumer-team-member', 'provider-admin']) expect(UserRole.create(r).value).to.equal(r);
  });

  it('rejects an unknown role', () => {
    expect(fieldOf(() => UserRole.create('root'))).to.equal('role');
  });
});

describe('AuthType', () => {
  it('accepts authToken, oauth2 and basicAuth', () => {
    for (const a of ['authToken', 'oauth2', 'basicAuth']) expect(AuthType.create(a).value).to.equal(a);
  });

  it('rejects a differently cased auth type', () => {
    expect(fieldOf(() => AuthType.create('OAuth2'))).to.equal('authType');
  });
});
