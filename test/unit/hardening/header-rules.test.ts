import { expect } from 'chai';
import type { Context } from 'koa';
import { expectedVersion, parseEntityTags } from '../../../src/adapters/http/shared/etag';
import { HttpInputError } from '../../../src/adapters/http/shared/http-input-error';
import { BrandUrl } from '../../../src/domain/brand/brand-url';
import { versionSatisfies, expectedVersions } from '../../../src/domain/shared/version-precondition';

const withIfMatch = (value: string) => ({ get: (name: string) => (name === 'If-Match' ? value : '') }) as unknown as Context;

describe('If-Match: the list form of RFC 9110', () => {
  it('reads a list of entity tags in one pass, commas inside quotes included', () => {
    expect(parseEntityTags('"1", "7"')).to.deep.equal(['"1"', '"7"']);
    expect(parseEntityTags('W/"1",,"a,b" ,"c"')).to.deep.equal(['W/"1"', '"a,b"', '"c"']);
    expect(parseEntityTags('"1" "2"')).to.equal(null);
    expect(parseEntityTags('1')).to.equal(null);
    expect(parseEntityTags('"open')).to.equal(null);
    expect(parseEntityTags(' , ')).to.equal(null);
  });

  it('demands nothing for no header or *, our versions for strong tags, and nothing that can match otherwise', () => {
    expect(expectedVersion(withIfMatch(''))).to.equal(undefined);
    expect(expectedVersion(withIfMatch(' * '))).to.equal(undefined);
    expect(expectedVersion(withIfMatch('"1", "7"'))).to.deep.equal([1, 7]);
    expect(expectedVersion(withIfMatch('W/"1", "abc", "99999999999"'))).to.deep.equal([]);
  });

  it('names a version only by the exact tag etagOf writes: "04", "4.0", "0x4", "4e0", "+4", " 4" name none', () => {
    expect(expectedVersion(withIfMatch('"4"'))).to.deep.equal([4]);
    expect(expectedVersion(withIfMatch('"04", "004", " 4", "4 ", "4.0", "0x4", "4e0", "+4", "-0"'))).to.deep.equal([]);
    expect(expectedVersion(withIfMatch('"04", "4"'))).to.deep.equal([4]);
    expect(expectedVersion(withIfMatch('"2147483647", "2147483648"'))).to.deep.equal([2147483647]);
  });

  it('answers a malformed or over-long header 412', () => {
    expect(() => expectedVersion(withIfMatch('not-a-tag'))).to.throw(HttpInputError).with.property('status', 412);
    expect(() => expectedVersion(withIfMatch(`"1",${' '.repeat(1100)}"2"`))).to.throw(HttpInputError).with.property('status', 412);
  });

  it('matches when any listed version is current', () => {
    expect(versionSatisfies(7, [1, 7])).to.equal(true);
    expect(versionSatisfies(7, [1, 2])).to.equal(false);
    expect(versionSatisfies(7, [])).to.equal(false);
    expect(versionSatisfies(7, undefined)).to.equal(true);
    expect(expectedVersions(3)).to.deep.equal([3]);
    expect(expectedVersions(undefined)).to.equal(undefined);
  });
});

describe('BrandUrl.normalise: linear in its input', () => {
  it('drops a scheme and every trailing slash', () => {
    expect(BrandUrl.normalise(' HTTPS://Shop.Example.com/EU/// ')).to.equal('shop.example.com/eu');
    expect(BrandUrl.normalise('http://acme.example.com')).to.equal('acme.example.com');
    expect(BrandUrl.normalise('/'.repeat(16_000))).to.equal('');
  });

  it('handles the input that made the old regex quadratic (16,000 slashes then a letter) in one pass', () => {
    const hostile = `a${'/'.repeat(16_000)}x`;
    expect(BrandUrl.normalise(hostile)).to.equal(hostile);
  });

  it('refuses a brand URL longer than 2,048 characters before looking at it', () => {
    expect(() => BrandUrl.create('a'.repeat(2049))).to.throw(/at most 2048/);
  });
});
