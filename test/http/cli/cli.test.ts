import { execFile } from 'node:child_process';
import { expect } from 'chai';
import { COMMANDS } from '../../../src/bootstrap/cli-commands';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real command line (dist/src/bootstrap/cli.js) on the test database. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['dist/src/bootstrap/cli.js', ...args],
      { env: { ...process.env, DATABASE_URL: testDatabase().url, SECRET_KEY: TEST_SECRET_KEY, LOG_LEVEL: 'silent' } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('the command line as a user runs it', function () {
  this.timeout(60_000);

  it('help, --help and -h print every command on stdout and exit 0', async () => {
    for (const flag of ['help', '--help', '-h']) {
      const run = await cli(flag);
      expect(run.code, `${flag}: ${run.stderr}`).to.equal(0);
      for (const name of Object.keys(COMMANDS)) expect(run.stdout, flag).to.include(name);
    }
  });

  it('help texts of the command line and of the server are two aligned columns within 80 characters', async () => {
    const server = await new Promise<Run>((done) =>
      execFile(process.execPath, ['dist/src/bootstrap/main.js', '--help'], (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr })),
    );
    expect(server.code, server.stderr).to.equal(0);
    const texts = { server: server.stdout, general: (await cli('help')).stdout, command: (await cli('help', 'keys:revoke')).stdout };
    for (const [name, text] of Object.entries(texts)) {
      // The rows of the table: after "Environment:", "Commands:" or "Options:", up to the blank line.
      const rows = text.split('\n\n').find((block) => /^(Environment|Commands|Options):\n/.test(block))!.split('\n').slice(1).filter((row) => row !== '');
      // A row is "  <name>  <text>" (the name may hold single spaces) or a continuation "<spaces><text>".
      const starts = new Set(rows.map((row) => (/^ {2}\S.*? {2,}/.exec(row) ?? /^ +/.exec(row))![0].length));
      expect([...starts], `${name}: every text starts in one column\n${text}`).to.have.length(1);
      for (const line of text.split('\n')) expect(line.length, `${name}: ${line}`).to.be.at.most(80);
    }
    // The longest name sets the column: its text starts two spaces after it.
    expect(server.stdout).to.include('\n  MAX_CONNECTIONS_PER_ADDRESS  open connections one client');
    expect(server.stdout).to.include('\n  AUTH_FAILURES_PER_MINUTE     failed authentications');
    expect(server.stdout).to.include('\n  PORT                         HTTP port');
  });

  it('prints one command\'s options with help <command> and <command> --help, exit 0', async () => {
    for (const argv of [['help', 'app-integrations:create'], ['app-integrations:create', '--help']]) {
      const run = await cli(...argv);
      expect(run.code).to.equal(0);
      expect(run.stdout).to.include('--type <type>').and.include('--logo-url <url>').and.include('--json');
    }
  });

  it('names an unknown command and an unknown option on stderr, exit 2, stdout empty', async () => {
    const command = await cli('brands:craete');
    expect(command).to.deep.include({ code: 2, stdout: '' });
    expect(command.stderr).to.match(/^unknown command "brands:craete" \(did you mean brands:create\?\)/);
    const option = await cli('brands:create', '--url', 'x.example.com', '--colour', 'red');
    expect(option).to.deep.include({ code: 2, stdout: '' });
    expect(option.stderr).to.match(/^brands:create: unknown option --colour\n/);
  });

  it('shows control characters of what it echoes as \\uXXXX: no raw ESC, C1 or bidi control reaches the terminal', async () => {
    const command = await cli('brands:create\u001b]0;owned\u0007\u001b[2J');
    expect(command).to.deep.include({ code: 2, stdout: '' });
    expect(command.stderr).to.match(/^unknown command "brands:create\\u001b\]0;owned\\u0007\\u001b\[2J"\n/);
    const option = await cli('brands:create', '--url', 'x.example.com', '--\u009b31m\u202e');
    expect(option.code).to.equal(2);
    expect(option.stderr).to.match(/^brands:create: unknown option --\\u009b31m\\u202e\n/);
    // Stored data printed back: a catalog name may hold C1 and bidi controls, and the duplicate's refusal names it.
    const name = `Echo Pay ${Date.now()} \u009b2J\u2067`;
    const first = await cli('app-integrations:create', '--type', 'SMS', '--name', name, '--domain', 'https://sms.example.com');
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.include('\\u009b2J\\u2067');
    const again = await cli('app-integrations:create', '--type', 'SMS', '--name', name, '--domain', 'https://sms.example.com', '--json');
    expect(again.code).to.equal(2);
    expect(again.stderr).to.include('\\u009b2J\\u2067');
    const brand = await cli('brands:create', '--url', `echo-${Date.now()}.example.com`, '--name', 'Acme \u0085\u202d', '--json');
    expect(brand.code, brand.stderr).to.equal(0);
    expect(brand.stdout).to.include('"name":"Acme \\u0085\\u202d"');
    expect((JSON.parse(brand.stdout) as { name: string }).name).to.equal('Acme \u0085\u202d');
    for (const run of [command, option, first, again, brand]) {
      expect(run.stdout + run.stderr).not.to.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
  });

  it('refuses a brand whose name holds a control character: exit 2, one line naming the field, nothing stored', async () => {
    const url = `control-${Date.now()}.example.com`;
    const run = await cli('brands:create', '--url', url, '--name', 'Acme\u001b[2J', '--json');
    expect(run).to.deep.include({ code: 2, stdout: '', stderr: 'name: must not contain control characters\n' });
    const rows = await testDatabase().dataSource.query(`SELECT count(*)::int AS n FROM brands WHERE url = $1`, [url]);
    expect(rows[0].n).to.equal(0);
  });

  it('refuses a control character in the other text it creates (identity provider name and issuer, portal admin email): exit 2 naming the field, nothing stored', async () => {
    const issuer = `https://idp-${Date.now()}.example.com/realms/a`;
    for (const [args, expected] of [
      [['idps:create', '--name', 'Key\u001bcloak', '--issuer', issuer], 'name: must not contain control characters'],
      [['idps:create', '--name', 'Keycloak', '--issuer', `${issuer}\u001b[2J`], 'issuer: must not contain control characters'],
      [['portal-admins:create', '--email', 'ops\u001b[2J@example.com'], 'email: must not contain control characters'],
    ] as const) {
      const run = await cli(...args, '--json');
      expect(run, expected).to.deep.include({ code: 2, stdout: '', stderr: `${expected}\n` });
    }
    const rows = await testDatabase().dataSource.query(`SELECT count(*)::int AS n FROM identity_providers WHERE issuer LIKE $1`, [`${issuer}%`]);
    expect(rows[0].n).to.equal(0);
  });

  it('refuses a second catalog entry with the same type and name, naming the first, exit 2', async () => {
    const name = `Duplicate Pay ${Date.now()}`;
    const first = await cli('app-integrations:create', '--type', 'PaymentGateway', '--name', name, '--domain', 'https://pay.example.com', '--json');
    expect(first.code, first.stderr).to.equal(0);
    const { id } = JSON.parse(first.stdout) as { id: string };
    const again = await cli('app-integrations:create', '--type', 'PaymentGateway', '--name', name.toLowerCase(), '--domain', 'https://pay.example.com', '--json');
    expect(again).to.deep.include({ code: 2, stdout: '' });
    expect(again.stderr.trim()).to.equal(`The catalog already has a PaymentGateway entry named "${name}" (id ${id})`);
    const rows = await testDatabase().dataSource.query(`SELECT count(*)::int AS n FROM app_integrations WHERE lower(name) = lower($1)`, [name]);
    expect(rows[0].n).to.equal(1);
  });

  it('refuses a catalog entry whose name, domain, logo URL or description is longer than its column, or holds a control character: exit 2 naming the field, no SQL, nothing stored', async () => {
    const name = `Long Pay ${Date.now()}`;
    const long = (n: number) => 'a'.repeat(n);
    for (const [args, expected] of [
      [['--name', `${name} ${long(200)}`, '--domain', 'https://pay.example.com'], 'name: must be at most 200 characters'],
      [['--name', name, '--domain', `https://pay.example.com/${long(2048)}`], 'domain: must be at most 2048 characters'],
      [['--name', name, '--domain', 'https://pay.example.com', '--logo-url', `https://pay.example.com/${long(2048)}`], 'logoURL: must be at most 2048 characters'],
      [['--name', name, '--domain', 'https://pay.example.com', '--description', long(2049)], 'description: must be at most 2048 characters'],
      [['--name', `${name}\u0001`, '--domain', 'https://pay.example.com'], 'name: must not contain control characters'],
      [['--name', name, '--domain', 'https://pay.example.com', '--description', 'a\u001bb'], 'description: must not contain control characters'],
    ] as const) {
      const run = await cli('app-integrations:create', '--type', 'PaymentGateway', ...args, '--json');
      expect(run, expected).to.deep.include({ code: 2, stdout: '' });
      expect(run.stderr.trim()).to.equal(expected);
    }
    const rows = await testDatabase().dataSource.query(`SELECT count(*)::int AS n FROM app_integrations WHERE name LIKE $1`, [`${name}%`]);
    expect(rows[0].n).to.equal(0);
  });
});
