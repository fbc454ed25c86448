import { expect } from 'chai';
import { jsonForTerminal, linesForTerminal } from '../../src/bootstrap/terminal-text';

describe('text the command line prints for a terminal', () => {
  it('shows every C0 control character, DEL, C1 and bidi control within a line as \\uXXXX', () => {
    const controls = [
      ...Array.from({ length: 0x20 }, (_, i) => i),
      0x7f,
      ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i),
      0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
    ];
    for (const code of controls) {
      const escaped = `\\u${code.toString(16).padStart(4, '0')}`;
      expect(linesForTerminal([`a${String.fromCharCode(code)}b`]), escaped).to.equal(`a${escaped}b\n`);
    }
  });

  it('leaves printable text alone, the neighbours of each range included, and ends each line with one LF', () => {
    const printable = ' ~\u00a0\u00e9\u2029\u202f\u2065\u206a\u4e2d😀';
    expect(linesForTerminal([printable, 'second'])).to.equal(`${printable}\nsecond\n`);
    expect(linesForTerminal([])).to.equal('');
  });

  it('escapes an LF or CR inside a value, so a value cannot start a line of its own', () => {
    expect(linesForTerminal(['name: a\nCreated brand x\r'])).to.equal('name: a\\u000aCreated brand x\\u000d\n');
  });

  it('keeps JSON the same value for a parser while DEL, C1 and bidi controls are escaped', () => {
    const value = { name: 'a\u001b[31m\u007f\u009b\u202e\u2066b', n: 1 };
    const text = jsonForTerminal(value);
    expect(text).to.equal('{"name":"a\\u001b[31m\\u007f\\u009b\\u202e\\u2066b","n":1}\n');
    expect(JSON.parse(text)).to.deep.equal(value);
  });
});
