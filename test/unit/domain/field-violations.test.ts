import { expect } from 'chai';
import { ValidationError } from '../../../src/domain/shared/domain-error';
import { FieldViolations } from '../../../src/domain/shared/field-violations';
import { violationsOf } from '../../support/violations';

describe('FieldViolations: every broken rule at once', () => {
  it('throws nothing when nothing was broken, and keeps the result of a passing check', () => {
    const v = new FieldViolations();
    expect(v.capture('name', () => 'Ada')).to.equal('Ada');
    expect(() => v.throwIfAny()).not.to.throw();
  });

  it('records a failed check under its own field, or under the given one when it names none, first problem per field', () => {
    const v = new FieldViolations();
    expect(v.capture('redirectURI', () => { throw ValidationError.single('', 'must not contain a fragment'); })).to.equal(undefined);
    v.capture('owner', () => { throw ValidationError.single('email', 'must be an email address'); });
    v.add('email', 'is required');
    expect(violationsOf(() => v.throwIfAny())).to.deep.equal([
      { field: 'redirectURI', message: 'must not contain a fragment' },
      { field: 'email', message: 'must be an email address' },
    ]);
  });

  it('lets any other error through: a bug is not a validation failure', () => {
    const v = new FieldViolations();
    expect(() => v.capture('name', () => { throw new TypeError('boom'); })).to.throw(TypeError, 'boom');
    expect(() => v.throwIfAny()).not.to.throw();
  });
});
