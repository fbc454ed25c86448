import { expect } from 'chai';
import { JsonShapeScanner, textViolations } from '../../../src/adapters/http/shared/json-shape';

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** Feeds the text in chunks of `size` bytes; the verdict must not depend on where chunks end. */
function scan(text: string, size = Number.POSITIVE_INFINITY): string | null {
  const scanner = new JsonShapeScanner();
  const all = bytes(text);
  for (let i = 0; i < all.length; i += Math.min(size, all.length)) {
    const verdict = scanner.feed(all.subarray(i, i + Math.min(size, all.length)));
    if (verdict !== null) return verdict;
  }
  return null;
}

const nested = (depth: number) => `${'['.repeat(depth - 1)}{}${']'.repeat(depth - 1)}`;
const object = (keys: number) => JSON.stringify(Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, [i, { x: 'a:b,c' }]])));
const array = (items: number) => JSON.stringify(Array.from({ length: items }, (_, i) => (i % 3 === 0 ? { a: [] } : i % 3 === 1 ? 'x,y' : i)));

describe('JsonShapeScanner: body structure measured as it streams in', () => {
  it('accepts 32 levels and refuses 33', () => {
    expect(scan(nested(32))).to.equal(null);
    expect(scan(nested(33))).to.equal('must not nest deeper than 32 levels');
  });

  it('accepts 256 keys in an object and refuses 257, at any depth', () => {
    expect(scan(object(256))).to.equal(null);
    expect(scan(object(257))).to.equal('must not have more than 256 keys in one object');
    expect(scan(`{"a":[${object(257)}]}`)).to.equal('must not have more than 256 keys in one object');
  });

  it('accepts 1,000 items in an array and refuses 1,001, whatever the items are', () => {
    expect(scan(array(1000))).to.equal(null);
    expect(scan(array(1001))).to.equal('must not have more than 1000 items in one array');
    expect(scan(`[${'[],'.repeat(1000)}[]]`)).to.equal('must not have more than 1000 items in one array');
    expect(scan('[]')).to.equal(null);
  });

  it('counts nothing inside strings, escaped quotes and backslashes included', () => {
    const text = `{"a":"${'{[:,'.repeat(2000)}\\"{{{","b":"\\\\","c":"\\u0022[[["}`;
    expect(JSON.parse(text)).to.be.an('object');
    expect(scan(text)).to.equal(null);
  });

  it('gives the same verdict whatever the chunk boundaries (byte by byte, 7 bytes, whole)', () => {
    for (const text of [nested(33), object(257), array(1001), `{"k":"é\\"ü${'{'.repeat(50)}"}`]) {
      const whole = scan(text);
      expect(scan(text, 1), text.slice(0, 20)).to.equal(whole);
      expect(scan(text, 7), text.slice(0, 20)).to.equal(whole);
    }
  });

  it('stops at the limit: a 60,000-key object is refused within its first 257 members', () => {
    const scanner = new JsonShapeScanner();
    const text = JSON.stringify(Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`field${i}`, 1])));
    const cut = text.indexOf('"field256"'); // field0 … field255: 256 keys
    expect(scanner.feed(bytes(text.slice(0, cut)))).to.equal(null);
    expect(scanner.feed(bytes(text.slice(cut, cut + 20)))).to.equal('must not have more than 256 keys in one object');
  });
});

describe('textViolations: the text rules of every body', () => {
  it('names each string field holding a C0 control character, by its path, in document order', () => {
    const body = { name: 'a\u0000b', ok: 'tab\tLF\nCR\r', nested: { deep: ['fine', 'bell\u0007'] }, esc: '\u001b[31m', del: '\u007f' };
    expect(textViolations(body)).to.deep.equal([
      { field: 'name', message: 'must not contain control characters' },
      { field: 'nested.deep[1]', message: 'must not contain control characters' },
      { field: 'esc', message: 'must not contain control characters' },
    ]);
  });

  it('refuses __proto__, constructor and prototype as keys anywhere, as JSON.parse makes them (own keys)', () => {
    const body = JSON.parse('{"a":1,"__proto__":{"polluted":true},"b":{"constructor":{"prototype":{}}},"prototype":2}');
    expect(textViolations(body)).to.deep.equal([
      { field: '__proto__', message: 'is not a known field' },
      { field: 'b.constructor', message: 'is not a known field' },
      { field: 'prototype', message: 'is not a known field' },
    ]);
    expect(({} as { polluted?: boolean }).polluted).to.equal(undefined);
  });

  it('finds nothing in a clean body or a bare value', () => {
    expect(textViolations({ a: 'x', b: [1, true, null, 'y'] })).to.deep.equal([]);
    expect(textViolations('bare\u0000')).to.deep.equal([{ field: 'body', message: 'must not contain control characters' }]);
    expect(textViolations(42)).to.deep.equal([]);
  });

  it('stops listing at 100 fields, so the answer stays small', () => {
    expect(textViolations(Array(1000).fill('\u0000'))).to.have.length(100);
  });
});
