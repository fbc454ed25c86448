import { expect } from 'chai';
import { RedirectUrlList } from '../../../src/domain/portal-app/redirect-url-list';
import { ValidationError } from '../../../src/domain/shared/domain-error';

function violationOf(raw: string): string {
  try {
    RedirectUrlList.create(raw);
  } catch (error) {
    expect(error).to.be.instanceOf(ValidationError);
    const [violation] = (error as ValidationError).violations;
    expect(violation.field).to.equal('redirectUrls');
    return violation.message;
  }
  throw new Error(`expected ${raw} to be rejected`);
}

describe('RedirectUrlList', () => {
  it('accepts a single absolute https URL', () => {
    expect(RedirectUrlList.create('https://app-host/auth').urls).to.deep.equal(['https://app-host/auth']);
  });

  it('trims items and joins them with a bare comma', () => {
    const list = RedirectUrlList.create(' https://a.example/cb , http://localhost:8080/cb ');
    expect(list.value).to.equal('https://a.example/cb,http://localhost:8080/cb');
  });

  it('treats the empty string as no URLs', () => {
    expect(RedirectUrlList.create('').urls).to.deep.equal([]);
    expect(RedirectUrlList.create('   ').value).to.equal('');
  });

  it('rejects a redirect URL with a fragment', () => {
    expect(violationOf('https://app-host/auth#frag')).to.match(/fragment/);
  });

  it('rejects a relative URL', () => {
    expect(violationOf('/auth')).to.match(/absolute/);
  });

  it('rejects a non-http scheme', () => {
    expect(violationOf('ftp://files.example/cb')).to.match(/http/);
  });

  it('rejects a blank item between commas', () => {
    expect(violationOf('https://a.example/cb,,https://b.example/cb')).to.match(/blank/);
  });

  it('rejects a trailing comma', () => {
    expect(violationOf('https://a.example/cb,')).to.match(/blank/);
  });

  it('rejects the same URL listed twice', () => {
    expect(violationOf('https://a.example/cb, https://a.example/cb')).to.match(/twice/);
  });
});
