import type { IncomingMessage } from 'node:http';
import { expect } from 'chai';
import proxyaddr from 'proxy-addr';
import { forwardedTail, MAX_FORWARDED_CHARS, MAX_TRUSTED_HOPS, resolveClientAddress } from '../../../src/adapters/http/shared/client-address';

function request(peer: string | undefined, forwardedFor?: string | string[]): IncomingMessage {
  return { socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } } as unknown as IncomingMessage;
}

function trusting(...entries: string[]): (address: string, hop: number) => boolean {
  const trusted = proxyaddr.compile(entries);
  return (address, hop) => hop < MAX_TRUSTED_HOPS && trusted(address, hop);
}

describe('the client address behind trusted proxies (proxy-addr)', () => {
  const loopback = trusting('loopback');

  it('is the socket\'s peer, as given, without a header or when the peer is not trusted', () => {
    expect(resolveClientAddress(request('::ffff:127.0.0.1'), loopback)).to.equal('::ffff:127.0.0.1');
    expect(resolveClientAddress(request('198.51.100.1', '203.0.113.1'), loopback)).to.equal('198.51.100.1');
    expect(resolveClientAddress(request('127.0.0.1', ''), loopback)).to.equal('127.0.0.1');
    expect(resolveClientAddress(request(undefined, '203.0.113.1'), loopback), 'a socket already gone').to.equal('');
  });

  it('is the right-most entry that is not trusted, in canonical spelling', () => {
    expect(resolveClientAddress(request('127.0.0.1', '1.2.3.4, 203.0.113.1'), loopback)).to.equal('203.0.113.1');
    expect(resolveClientAddress(request('127.0.0.1', '203.0.113.1, 127.0.0.5'), loopback)).to.equal('203.0.113.1');
    expect(resolveClientAddress(request('127.0.0.1', ['1.2.3.4', '203.0.113.1']), loopback), 'repeated header lines').to.equal('203.0.113.1');
    expect(resolveClientAddress(request('127.0.0.1', '::FFFF:203.0.113.1'), loopback)).to.equal('203.0.113.1');
    expect(resolveClientAddress(request('127.0.0.1', '2001:0db8:0000::0001'), loopback)).to.equal('2001:db8::1');
    // All trusted: the left-most one (proxy-addr's answer).
    expect(resolveClientAddress(request('127.0.0.1', '127.0.0.7, 127.0.0.8'), loopback)).to.equal('127.0.0.7');
  });

  it('falls back to the trusted hop that forwarded an entry that is not an address', () => {
    for (const junk of ['unknown', '203.0.113.1:80', '[2001:db8::1]', '_hidden', 'x'.repeat(5_000)]) {
      expect(resolveClientAddress(request('127.0.0.1', junk), loopback), junk.slice(0, 20)).to.equal('127.0.0.1');
      expect(resolveClientAddress(request('127.0.0.1', `203.0.113.1, ${junk}, 127.0.0.6`), loopback), junk.slice(0, 20)).to.equal('127.0.0.6');
    }
    // Empty entries are no entries (proxy-addr skips them).
    expect(resolveClientAddress(request('127.0.0.1', ',, ,'), loopback)).to.equal('127.0.0.1');
    expect(resolveClientAddress(request('127.0.0.1', '203.0.113.1, ,, 127.0.0.6'), loopback)).to.equal('203.0.113.1');
  });

  it(`walks at most ${MAX_TRUSTED_HOPS} trusted hops and hands proxy-addr only the header's tail, whole entries (figures printed, not asserted)`, () => {
    const chain = (n: number) => ['203.0.113.1', ...Array.from({ length: n }, () => '127.0.0.1')].join(', ');
    expect(resolveClientAddress(request('127.0.0.1', chain(MAX_TRUSTED_HOPS - 1)), loopback)).to.equal('203.0.113.1');
    expect(resolveClientAddress(request('127.0.0.1', chain(MAX_TRUSTED_HOPS)), loopback)).to.equal('127.0.0.1');
    const huge = chain(1_400);
    expect(huge.length).to.be.greaterThan(15_000);
    // The work is counted, not timed: the trusted hops asked about, and the characters proxy-addr is given to split.
    let asked = 0;
    const counting = (address: string, hop: number) => { asked++; return loopback(address, hop); };
    expect(resolveClientAddress(request('127.0.0.1', huge), counting)).to.equal('127.0.0.1');
    expect(asked).to.be.at.most(MAX_TRUSTED_HOPS + 1);
    const tail = forwardedTail(huge);
    expect(tail.length).to.be.at.most(MAX_FORWARDED_CHARS).and.greaterThan(MAX_FORWARDED_CHARS - 20);
    expect(tail.split(',').map((e) => e.trim())).to.satisfy((entries: string[]) => entries.every((e) => e === '127.0.0.1'));
    expect(huge.endsWith(tail)).to.equal(true);
    expect(forwardedTail('x'.repeat(15_000))).to.equal('');
    expect(forwardedTail(chain(3))).to.equal(chain(3));
    const cases: [string, string][] = [['one hop', '203.0.113.1'], ['1,400 trusted entries', huge], ['15 KB of junk', 'x'.repeat(15_000)]];
    for (const [name, header] of cases) {
      const req = request('127.0.0.1', header);
      for (let i = 0; i < 200; i++) resolveClientAddress(req, loopback);
      const started = performance.now();
      for (let i = 0; i < 2_000; i++) resolveClientAddress(req, loopback);
      console.log(`      ${name}: ${(((performance.now() - started) / 2_000) * 1000).toFixed(1)} µs per request`);
    }
  });
});
