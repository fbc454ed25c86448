import { expect } from 'chai';
import { FlagLimiter } from '../../../src/adapters/job-queue/flag-limits';
import { jobFlagLimits } from '../../../src/adapters/job-queue/job-table';

const A = 'webhook-owner:brand:A';
const B = 'webhook-owner:brand:B';

describe('FlagLimiter (the caps behind graphile-worker\'s forbiddenFlags)', () => {
  it('forbids an owner at its cap and no other owner; an end frees the owner', async () => {
    const limiter = new FlagLimiter([{ flag: 'webhook', limit: 3 }, { flag: 'webhook-owner:*', limit: 2 }]);
    for (const flags of [['webhook', A], ['webhook', A]]) {
      await limiter.beforeFetch();
      limiter.fetched(flags);
    }
    expect(limiter.forbidden()).to.deep.equal([A]);
    await limiter.beforeFetch();
    limiter.fetched(['webhook', B]);
    expect(limiter.forbidden()).to.have.members(['webhook', A]);
    limiter.ended(['webhook', A]);
    expect(limiter.forbidden()).to.deep.equal([]);
  });

  it('lets the next fetch ask only once the last one ended, its job counted', async () => {
    const limiter = new FlagLimiter([{ flag: 'webhook-owner:*', limit: 1 }]);
    const first = await limiter.beforeFetch();
    let secondAnswer: string[] | undefined;
    const second = limiter.beforeFetch().then((flags) => (secondAnswer = flags));
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondAnswer, 'still waiting for the first fetch').to.equal(undefined);
    limiter.fetched([A]);
    await second;
    expect(first).to.deep.equal([]);
    expect(secondAnswer).to.deep.equal([A]);
    limiter.fetched(undefined);
  });

  it('ignores flags without a limit and refuses a limit below 1', () => {
    const limiter = new FlagLimiter([{ flag: 'dcr', limit: 1 }]);
    limiter.fetched(['other', 'dcr']);
    expect(limiter.forbidden()).to.deep.equal(['dcr']);
    expect(() => new FlagLimiter([{ flag: 'dcr', limit: 0 }])).to.throw(RangeError);
  });

  it('shares the service\'s slots so that neither kind takes all of them and one owner takes at most a quarter', () => {
    expect(jobFlagLimits(10)).to.deep.equal([
      { flag: 'webhook', limit: 9 }, { flag: 'dcr', limit: 9 }, { flag: 'webhook-owner:*', limit: 2 },
    ]);
    expect(jobFlagLimits(1).map((l) => l.limit)).to.deep.equal([1, 1, 1]);
  });
});
