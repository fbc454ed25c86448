import { expect } from 'chai';
import { addressKey } from '../../../src/adapters/http/shared/address-key';

describe('the key a client address is counted by (addressKey)', () => {
  it('keeps every IPv4 address apart', () => {
    expect(addressKey('203.0.113.7')).to.equal('203.0.113.7');
    expect(addressKey('203.0.113.8')).to.equal('203.0.113.8');
    expect(addressKey('127.0.0.1')).to.equal('127.0.0.1');
  });

  it('counts IPv4-mapped IPv6 (a dual-stack socket\'s IPv4 peer) as the IPv4 address, not as ::/64', () => {
    expect(addressKey('::ffff:203.0.113.7')).to.equal('203.0.113.7');
    expect(addressKey('::FFFF:cb00:7107')).to.equal('203.0.113.7');
    expect(addressKey('::ffff:127.0.0.1')).to.not.equal(addressKey('::1'));
  });

  it('groups IPv6 addresses by their /64, whatever the interface id or spelling', () => {
    const key = addressKey('2001:db8:1:2::1');
    expect(key).to.equal('2001:db8:1:2::/64');
    for (const same of ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0DB8:0001:0002:dead:beef:0:7', '2001:db8:1:2::1%eth0']) {
      expect(addressKey(same), same).to.equal(key);
    }
    for (const other of ['2001:db8:1:3::1', '2001:db8:2:2::1', '2001:db9:1:2::1']) {
      expect(addressKey(other), other).to.not.equal(key);
    }
    expect(addressKey('::1')).to.equal('::/64');
    expect(addressKey('fe80::fc:ff:fe00:1')).to.equal('fe80::/64');
  });

  it('answers what is not an address as it is', () => {
    for (const junk of ['', 'unknown', '203.0.113.1:80', '[2001:db8::1]', ':::']) expect(addressKey(junk), junk).to.equal(junk);
  });
});
