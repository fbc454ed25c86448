import { expect } from 'chai';
import { classifyAddress, refusalOfAddress, refusalOfUrl } from '../../../src/adapters/outbound-http/target-policy';

/** The host of a URL as the URL parser writes it, without IPv6 brackets. */
const literalOf = (url: string) => new URL(url).hostname.replace(/^\[|\]$/g, '');

describe('outbound target policy', () => {
  it('calls public unicast addresses public', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(classifyAddress(address).class, address).to.equal('public');
    }
  });

  it('calls loopback, RFC 1918, link-local, CGNAT and unique-local a private network', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '10.1.2.3', '172.31.255.255', '192.168.0.1', '169.254.1.1', '100.64.0.1', 'fc00::1', 'fd12::1', 'fe80::1', '::ffff:10.0.0.1']) {
      expect(classifyAddress(address).class, address).to.equal('private-network');
    }
  });

  it('never reaches metadata services, unspecified, multicast, broadcast, documentation or tunnelled addresses', () => {
    for (const address of [
      '169.254.169.254', 'fd00:ec2::254', '169.254.170.2', '100.100.100.200', '::ffff:169.254.169.254',
      '0.0.0.0', '0.1.2.3', '::', '224.0.0.1', 'ff02::1', '255.255.255.255', '192.0.2.1', '198.51.100.7', '203.0.113.9',
      '240.0.0.1', '2001:db8::1', '64:ff9b::a00:1', '2002:7f00:1::1', '2001::1', '::7f00:1', '100::1', 'not-an-ip',
    ]) {
      expect(classifyAddress(address).class, address).to.equal('never');
    }
  });

  it('never reaches any well-known metadata or credential address, in any IPv6 spelling, even with the switch on', () => {
    const spellings = [
      '168.63.129.16', '::ffff:168.63.129.16', '::ffff:a83f:8110', '0:0:0:0:0:ffff:a83f:8110', // Azure WireServer
      '192.0.0.192', '::ffff:192.0.0.192', // Oracle Cloud
      '169.254.170.23', 'fd00:ec2::23', '::ffff:169.254.170.23', // EKS Pod Identity
      'fd20:ce::254', 'FD20:CE:0:0::254', // GCP over IPv6
      '169.254.0.23', '::ffff:a9fe:17', // Tencent Cloud
      '169.254.169.254', '::ffff:a9fe:a9fe', 'fd00:ec2:0::254', '169.254.170.2', '100.100.100.200', '::ffff:100.100.100.200',
    ];
    for (const address of spellings) {
      expect(classifyAddress(address), address).to.deep.equal({ class: 'never', range: 'metadata' });
      expect(refusalOfAddress(address, true), address).to.match(/never reachable \(metadata\)/);
    }
    // The forms that embed an IPv4 address some other way are refused by their own range.
    for (const address of ['64:ff9b::a83f:8110', '2002:a83f:8110::1', '::a83f:8110']) expect(refusalOfAddress(address, true), address).to.match(/never reachable/);
    for (const url of ['https://168.63.129.16/machine?comp=goalstate', 'http://[::ffff:168.63.129.16]/', 'http://0xa83f8110/', 'http://[fd20:ce::254]/']) {
      expect(refusalOfUrl(url, true), url).to.deep.include({ reason: `address ${literalOf(url)} is never reachable (metadata)` });
    }
  });

  it('lets the switch open private networks but never the rest', () => {
    expect(refusalOfAddress('10.0.0.1', false)).to.match(/WEBHOOK_ALLOW_PRIVATE/);
    expect(refusalOfAddress('10.0.0.1', true)).to.equal(null);
    expect(refusalOfAddress('169.254.169.254', true)).to.match(/never reachable \(metadata\)/);
    expect(refusalOfAddress('0.0.0.0', true)).to.match(/never reachable/);
  });

  it('judges URLs by the address the URL parser sees, not by how it is spelled', () => {
    for (const url of ['https://0177.0.0.1/', 'https://0x7f000001/', 'https://127.1/', 'https://[0:0:0:0:0:ffff:7f00:1]/', 'https://LOCALHOST./']) {
      expect(refusalOfUrl(url, false), url).to.have.property('reason');
    }
  });

  it('refuses long URLs, credentials and schemes other than https (http only with the switch)', () => {
    expect(refusalOfUrl(`https://example.com/${'a'.repeat(2048)}`, true)).to.have.property('reason');
    expect(refusalOfUrl('https://u@example.com/', true)).to.have.property('reason');
    expect(refusalOfUrl('file:///etc/passwd', true)).to.have.property('reason');
    expect(refusalOfUrl('http://example.com/', false)).to.have.property('reason');
    expect(refusalOfUrl('http://example.com/', true)).to.have.property('url');
    expect(refusalOfUrl('https://example.com/', false)).to.have.property('url');
  });
});
