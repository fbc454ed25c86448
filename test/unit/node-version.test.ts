import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { satisfies, supportedNodeRange, unsupportedNodeMessage } from '../../src/bootstrap/node-version';

const ROOT = resolve(__dirname, '..', '..', '..');

describe('the Node.js version check', () => {
  const range = supportedNodeRange();

  it('reads the range from package.json engines.node', () => {
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(range).to.equal(engines);
  });

  it('accepts 22.18 and later 22s, and 24.11 and later (the engines range)', () => {
    for (const version of ['v22.18.0', 'v22.18.1', 'v22.21.0', 'v24.11.0', 'v24.22.3', 'v25.0.0', 'v26.1.0-nightly20270101abc']) {
      expect(satisfies(version, range), version).to.equal(true);
      expect(unsupportedNodeMessage(version, range), version).to.equal(null);
    }
  });

  it('refuses 22 before 22.18, 23, 24 before 24.11, and anything older', () => {
    for (const version of ['v22.17.1', 'v22.0.0', 'v23.11.0', 'v24.0.0', 'v24.10.9', 'v20.20.2', 'v18.20.0', 'v0.12.18']) {
      expect(satisfies(version, range), version).to.equal(false);
    }
  });

  it('names the found and the needed version in one line', () => {
    const message = unsupportedNodeMessage('v20.20.2', '^22.18.0 || >=24.11.0')!;
    expect(message).to.include('found v20.20.2');
    expect(message).to.include('needs Node.js ^22.18.0 || >=24.11.0');
    expect(message).not.to.include('\n');
  });

  it('reads npm range forms by their npm meaning: caret, tilde, comparisons, wildcards, bare versions', () => {
    const cases: [string, string, boolean][] = [
      ['1.2.3', '^1.2.3', true], ['1.9.0', '^1.2.3', true], ['2.0.0', '^1.2.3', false], ['1.2.2', '^1.2.3', false],
      ['0.2.9', '^0.2.3', true], ['0.3.0', '^0.2.3', false], ['0.0.3', '^0.0.3', true], ['0.0.4', '^0.0.3', false],
      ['1.2.9', '~1.2.3', true], ['1.3.0', '~1.2.3', false],
      ['24.0.0', '>=24', true], ['23.99.0', '>=24', false], ['25.0.0', '>24', true], ['24.5.0', '>24', false],
      ['24.5.0', '<=24', true], ['25.0.0', '<=24', false], ['23.0.0', '<24', true], ['24.0.0', '<24', false],
      ['22.5.1', '22.x', true], ['23.0.0', '22.x', false], ['22.5.0', '22.5', true], ['22.6.0', '22.5', false],
      ['20.1.0', '>=18 <21', true], ['21.0.0', '>=18 <21', false], ['1.2.3', '=1.2.3', true], ['1.2.4', '1.2.3', false],
      ['23.0.0', '22 - 24', true], ['25.0.0', '22 - 24', false],
    ];
    for (const [version, r, expected] of cases) expect(satisfies(version, r), `${version} in ${r}`).to.equal(expected);
  });

  it('throws on a range it cannot read, rather than guessing', () => {
    for (const r of ['lts/*', 'latest', '', '  ', 'twenty-two']) expect(() => satisfies('v22.0.0', r), r).to.throw();
    for (const v of ['22', 'node', '']) expect(() => satisfies(v, '>=22'), v).to.throw();
  });

  describe('end to end, on the Node 20 this machine may have at /usr/bin/node', () => {
    const oldNode = '/usr/bin/node';
    const version = existsSync(oldNode) ? spawnSync(oldNode, ['--version'], { encoding: 'utf8' }).stdout.trim() : '';

    before(function () {
      if (version === '' || satisfies(version, range)) this.skip(); // absent, or a supported one: nothing to refuse
    });

    for (const entry of ['main.js', 'cli.js']) {
      it(`dist/src/bootstrap/${entry} exits 1 with one line naming both versions, before loading anything else`, () => {
        const result = spawnSync(oldNode, [join(ROOT, 'dist', 'src', 'bootstrap', entry), 'help'], {
          encoding: 'utf8',
          // An address nothing listens on: had the check not stopped it, a start would fail differently.
          env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', SECRET_KEY: '' },
          timeout: 30_000,
        });
        expect(result.status, result.stderr).to.equal(1);
        expect(result.stdout).to.equal('');
        expect(result.stderr).to.equal(`integration-hub needs Node.js ${range} (package.json "engines"), found ${version}; see README "Run it" (scripts/use-node.sh)\n`);
      });
    }
  });
});
