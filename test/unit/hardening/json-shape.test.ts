import { expect } from 'chai';
import fc from 'fast-check';
import { JsonShapeScanner, mayBreakTextRules, textViolations } from '../../../src/adapters/http/shared/json-shape';

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

  it('skips long strings whole, and still sees the escaped quote, the backslash and the structure after them', () => {
    // Past 256 ordinary bytes the scanner jumps to the next quote or backslash: strings around that length, with
    // structure characters and escapes before and after the jump, in chunks that cut them anywhere.
    for (const length of [255, 256, 257, 300, 5_000]) {
      const filler = '{[:,'.repeat(Math.ceil(length / 4)).slice(0, length);
      const tricky = `"${filler}\\"${filler}\\\\${'x'.repeat(length)}\\"${filler}"`;
      const wrap = (keys: number) => `{"s":${tricky},"t":[${tricky}],${object(keys).slice(1, -1)}}`;
      expect(JSON.parse(wrap(254))).to.be.an('object');
      for (const size of [Number.POSITIVE_INFINITY, 1, 7, 256, 4096]) {
        expect(scan(wrap(254), size), `${length} bytes, chunks of ${size}`).to.equal(null); // 2 + 254 keys
        expect(scan(wrap(255), size), `${length} bytes, chunks of ${size}`).to.equal('must not have more than 256 keys in one object');
      }
    }
  });

  it('gives the verdict of a byte-at-a-time reading for generated JSON with strings of any length and escapes', () => {
    const text = fc.string({ unit: fc.constantFrom('x', '{', '[', ':', ',', '"', '\\', 'é', '\n'), maxLength: 700 });
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, text, fc.array(tie('node'), { maxLength: 5 }), fc.dictionary(text, tie('node'), { maxKeys: 5 })),
    })).node;
    fc.assert(
      fc.property(value, fc.integer({ min: 1, max: 600 }), (v, size) => {
        const json = JSON.stringify(v);
        const tight = { maxDepth: 32, maxKeys: 3, maxItems: 3, maxValues: 12 };
        const read = (chunk: number) => {
          const scanner = new JsonShapeScanner(tight);
          const all = bytes(json);
          for (let i = 0; i < all.length; i += chunk) {
            const verdict = scanner.feed(all.subarray(i, i + chunk));
            if (verdict !== null) return verdict;
          }
          return `${scanner.hasEscapes}`;
        };
        expect(read(size)).to.equal(read(1));
        expect(read(json.length + 1)).to.equal(read(1));
      }),
      { numRuns: 300 },
    );
  });

  it('accepts 10,000 members and items in all and refuses the 10,001st, wherever it is', () => {
    const rows = (n: number, last: number) => `[${[...Array(n).fill(`[${Array(1000).fill(1).join(',')}]`), `[${Array(last).fill(1).join(',')}]`].join(',')}]`;
    expect(scan(rows(9, 990))).to.equal(null); // 9 + 9,000 + 1 + 990 = 10,000
    expect(scan(rows(9, 991))).to.equal('must not have more than 10000 members and items in all');
    const objects = `[${Array(50).fill(JSON.stringify(Object.fromEntries(Array.from({ length: 199 }, (_, i) => [`k${i}`, i])))).join(',')}]`; // 50 + 9,950
    expect(scan(objects)).to.equal(null);
    expect(scan(`{"x":${objects}}`)).to.equal('must not have more than 10000 members and items in all');
    expect(scan(`{"x":${objects}}`, 5)).to.equal('must not have more than 10000 members and items in all');
  });

  it('notes whether any string held an escape (without one no string can break a text rule)', () => {
    const seen = (text: string) => {
      const scanner = new JsonShapeScanner();
      scanner.feed(bytes(text));
      return scanner.hasEscapes;
    };
    expect(seen('{"a":"plain é 😀","b":[1,"x"]}')).to.equal(false);
    expect(seen('{"a":"x\\y"}')).to.equal(true);
    expect(seen(String.raw`{"a\u0041":1}`)).to.equal(true);
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

  it('names strings holding a lone surrogate, and accepts surrogate pairs', () => {
    expect(textViolations({ a: 'ok 😀', b: ['x\ud800', 'y'], c: { d: '\udc00z' }, e: '\ud83d\ud83d\ude00' })).to.deep.equal([
      { field: 'b[0]', message: 'must be well-formed Unicode (no lone surrogate)' },
      { field: 'c.d', message: 'must be well-formed Unicode (no lone surrogate)' },
      { field: 'e', message: 'must be well-formed Unicode (no lone surrogate)' },
    ]);
  });

  it('names paths through arrays of arrays and objects in arrays', () => {
    expect(textViolations({ a: [[1, { b: ['\u0001'] }]], '': { x: '\u0002' } })).to.deep.equal([
      { field: 'a[0][1].b[0]', message: 'must not contain control characters' },
      { field: 'x', message: 'must not contain control characters' }, // as before: an empty key adds no dot at the top
    ]);
  });

  it('stops listing at 100 fields, so the answer stays small', () => {
    expect(textViolations(Array(1000).fill('\u0000'))).to.have.length(100);
  });
});

describe('mayBreakTextRules: when the text walk can be skipped', () => {
  it('is true for a body with an escape or a forbidden key written out, false otherwise', () => {
    expect(mayBreakTextRules(bytes('{"a":"x"}'), false)).to.equal(false);
    expect(mayBreakTextRules(bytes('{"a":"x"}'), true)).to.equal(true);
    for (const key of ['__proto__', 'constructor', 'prototype']) expect(mayBreakTextRules(bytes(`{"a":{"${key}":1}}`), false), key).to.equal(true);
    expect(mayBreakTextRules(bytes('{"a":"constructors"}'), false)).to.equal(false);
  });

  it('never skips a body that textViolations would refuse (generated bodies)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 8 });
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, text, fc.constantFrom('__proto__', 'constructor', 'prototype', '\u0000', '\ud800'), fc.integer(),
        fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.oneof(text, fc.constantFrom('__proto__', 'constructor', 'prototype')), tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        const raw = bytes(JSON.stringify(v));
        const scanner = new JsonShapeScanner();
        scanner.feed(raw);
        const parsed = JSON.parse(raw.toString('utf8'));
        return textViolations(parsed).length === 0 || mayBreakTextRules(raw, scanner.hasEscapes);
      }),
      { numRuns: 2000, seed: 13 },
    );
  });
});
