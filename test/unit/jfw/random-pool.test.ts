import { expect } from 'chai';
import { RandomPool } from '../../../src/adapters/system/random-pool';

describe('RandomPool (the IVs of AES-GCM)', () => {
  it('hands out values of its size, each once, across refills', () => {
    const pool = new RandomPool(12);
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const value = pool.take();
      expect(value.length).to.equal(12);
      seen.add(value.toString('hex'));
    }
    // 3,000 random 96-bit values: a repeat would mean bytes handed out twice.
    expect(seen.size).to.equal(3000);
  });

  it('never overwrites a value already handed out when it refills', () => {
    const pool = new RandomPool(16);
    const first = pool.take();
    const copy = Buffer.from(first);
    for (let i = 0; i < 5000; i++) pool.take();
    expect(first.equals(copy)).to.equal(true);
  });
});
