import { expect } from 'chai';
import { FieldViolation, ValidationError } from '../../src/domain/shared/domain-error';

/** The violations of the ValidationError `fn` throws; fails the test if it throws nothing or something else. */
export function violationsOf(fn: () => unknown): readonly FieldViolation[] {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(ValidationError);
    return (error as ValidationError).violations;
  }
  expect.fail('expected a ValidationError, but nothing was thrown');
}

/** `n` characters: the length rules are tested at their exact bounds. */
export const chars = (n: number, c = 'a'): string => c.repeat(n);
