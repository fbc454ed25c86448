import { expect } from 'chai';
import { expectedVersions, versionSatisfies } from '../../../src/domain/shared/version-precondition';

describe('version preconditions (If-Match)', () => {
  it('makes one version or a list of versions a list, and leaves no demand alone', () => {
    expect(expectedVersions(3)).to.deep.equal([3]);
    expect(expectedVersions([2, 3])).to.deep.equal([2, 3]);
    expect(expectedVersions(undefined)).to.equal(undefined);
  });

  it('lets a write through when any listed version is the current one, or when nothing is demanded', () => {
    expect(versionSatisfies(3, expectedVersions([2, 3]))).to.equal(true);
    expect(versionSatisfies(4, expectedVersions([2, 3]))).to.equal(false);
    expect(versionSatisfies(4, expectedVersions(undefined))).to.equal(true);
    expect(versionSatisfies(4, [])).to.equal(false);
  });
});
