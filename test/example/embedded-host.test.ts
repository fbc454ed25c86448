import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { expect } from 'chai';

const run = promisify(execFile);
const exampleDir = resolve(__dirname, '../../../examples/embedded-host');

describe('examples/embedded-host: another Node program embedding the use cases', () => {
  it('migrates its own database and updates through the use cases, without HTTP', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, EXAMPLE_DATA_DIR: resolve(__dirname, '../../../.data') };
    delete env.DATABASE_URL;
    if (process.env.TEST_DATABASE_URL) env.DATABASE_URL = process.env.TEST_DATABASE_URL;
    const { stdout } = await run(process.execPath, ['index.js'], { cwd: exampleDir, env, timeout: 120_000 });
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
    expect(result.jfw).to.deep.equal({ name: 'Updated by the host', isDefault: true, version: 2 });
    expect(result.portal).to.deep.equal({ name: 'Payment App', redirectUrls: 'https://app-host/auth', visibility: 'personal', userId: true });
  });
});
