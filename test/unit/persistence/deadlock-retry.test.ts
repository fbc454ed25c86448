import { expect } from 'chai';
import { DEADLOCK_ATTEMPTS, retryingDeadlocks } from '../../../src/adapters/persistence/typeorm/deadlock-retry';
import { rejectionOf } from '../../support/rejection';

/** A write that fails with each of `errors` in turn, then answers how many runs it took. */
function failingWith(...errors: unknown[]) {
  let runs = 0;
  return {
    get runs() { return runs; },
    write: async () => {
      runs += 1;
      if (runs <= errors.length) throw errors[runs - 1];
      return `done after ${runs}`;
    },
  };
}

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('retryingDeadlocks', () => {
  it('answers a write that PostgreSQL did not abort, run once', async () => {
    const w = failingWith();
    expect(await retryingDeadlocks(w.write)).to.equal('done after 1');
    expect(w.runs).to.equal(1);
  });

  it('runs a write aborted as a deadlock again, until it goes through', async () => {
    const w = failingWith(deadlock(), deadlock());
    expect(await retryingDeadlocks(w.write)).to.equal('done after 3');
  });

  it('gives the deadlock to the caller after DEADLOCK_ATTEMPTS runs', async () => {
    const w = failingWith(...Array.from({ length: DEADLOCK_ATTEMPTS }, deadlock));
    expect(DEADLOCK_ATTEMPTS).to.equal(3);
    expect(await rejectionOf(retryingDeadlocks(w.write))).to.have.property('code', '40P01');
    expect(w.runs).to.equal(DEADLOCK_ATTEMPTS);
  });

  it('reads the code where TypeORM puts it (driverError)', async () => {
    const w = failingWith(Object.assign(new Error('query failed'), { driverError: { code: '40P01' } }));
    expect(await retryingDeadlocks(w.write)).to.equal('done after 2');
  });

  it('never runs again a write that failed otherwise', async () => {
    for (const error of [Object.assign(new Error('unique'), { code: '23505' }), new Error('no code'), 'a string']) {
      const w = failingWith(error);
      expect(await rejectionOf(retryingDeadlocks(w.write))).to.equal(error);
      expect(w.runs).to.equal(1);
    }
  });
});
