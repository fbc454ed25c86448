import { expect } from 'chai';
import { cpuList, pinDatabase } from '../../../bench/lib/cpu-pinning';

describe('the bench pinning PostgreSQL to CPUs of its own (BENCH_DATABASE_CPUS)', () => {
  it('reads taskset lists: numbers, ranges, both, in order and once each', () => {
    expect(cpuList('1')).to.deep.equal([1]);
    expect(cpuList('2-3')).to.deep.equal([2, 3]);
    expect(cpuList('3, 0-1,1')).to.deep.equal([0, 1, 3]);
  });

  it('refuses what names no CPU, before pinning anything', () => {
    expect(() => cpuList('one')).to.throw(/"one" is not a CPU number or range/);
    expect(() => cpuList('1-')).to.throw(/not a CPU number/);
    expect(() => pinDatabase(1, '2', 2)).to.throw(/this machine has CPUs 0-1/);
    expect(() => pinDatabase(1, '0-1', 2)).to.throw(/leaves no CPU for the targets/);
    expect(() => pinDatabase(1, '', 2)).to.throw(/this machine has CPUs/);
  });
});
