import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';

const run = promisify(execFile);
const root = resolve(__dirname, '../../..');
const exampleDir = resolve(root, 'examples/embedded-host');

describe('README "Embedding" sample', () => {
  it('compiles against the package’s published type declarations', async () => {
    const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
    const match = /<!-- embedding-sample:start -->\n```ts\n([\s\S]*?)```\n<!-- embedding-sample:end -->/.exec(readme);
    expect(match, 'README has the marked sample').not.to.equal(null);
    writeFileSync(resolve(exampleDir, 'readme-sample.ts'), match![1]);
    const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
    const args = ['--noEmit', '--strict', '--experimentalDecorators', '--emitDecoratorMetadata', '--module', 'node20', '--moduleResolution', 'node16', '--target', 'ES2022', '--skipLibCheck', '--types', 'node', '--typeRoots', resolve(root, 'node_modules/@types'), 'readme-sample.ts'];
    const result = await run(process.execPath, [tsc, ...args], { cwd: exampleDir }).catch((error: { stdout: string }) => error);
    expect('stdout' in result ? result.stdout : '').to.equal('');
  });
});
