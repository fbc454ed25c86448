import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { OidcProviderHarness } from '../support/oidc-provider-harness';
import { killIfRunning, ROOT, ServerProcess, startServer, stopLeftoverPostgres } from '../support/server-process';

/*
 * The README's walk-throughs, run as a reader runs them: the shell blocks
 * between `<!-- walkthrough: NAME -->` and `<!-- /walkthrough -->`, verbatim,
 * in bash (errexit, nounset, pipefail) from the repository's root, against a
 * fresh server started with `npm start` on a fresh data directory. The
 * README's text is the test's input, so a walk-through cannot rot unnoticed.
 */

/** The `sh` fences of each marked walk-through, by name. */
export function walkthroughs(markdown: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const section of markdown.matchAll(/<!-- walkthrough: ([\w-]+) -->([\s\S]*?)<!-- \/walkthrough -->/g)) {
    const blocks = [...section[2]!.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
    found.set(section[1]!, blocks.join('\n'));
  }
  return found;
}

let curlDirectory: string;

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A directory holding a `curl` that refuses a request with more than one
 * Content-Type header (curl sends both; the server took either, so the
 * walk-through ran while showing readers a request that says two things),
 * and otherwise runs the real curl.
 */
function strictCurlDirectory(): string {
  const realCurl = execFileSync('bash', ['-c', 'command -v curl'], { encoding: 'utf8' }).trim();
  const dir = mkdtempSync(join(tmpdir(), 'integration-hub-curl-'));
  writeFileSync(
    join(dir, 'curl'),
    `#!/usr/bin/env bash
n=0; previous=
for argument in "$@"; do
  case "$previous" in -H|--header) case "\${argument,,}" in content-type:*) n=$((n + 1)) ;; esac ;; esac
  previous=$argument
done
if [ "$n" -gt 1 ]; then echo "walk-through curl: $n Content-Type headers in one request: $*" >&2; exit 97; fi
exec ${JSON.stringify(realCurl)} "$@"
`,
  );
  chmodSync(join(dir, 'curl'), 0o755);
  return dir;
}

function runBash(script: string, env: Record<string, string>): Promise<Outcome> {
  return new Promise((done) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: ROOT,
      env: { ...process.env, PATH: `${curlDirectory}:${dirname(process.execPath)}:${process.env.PATH ?? ''}`, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

/** The JSON documents the walk-through printed, one per line. */
function printed(stdout: string): any[] {
  return stdout.split('\n').flatMap((line) => {
    try {
      return [JSON.parse(line)];
    } catch {
      return [];
    }
  });
}

describe('the README walk-throughs, against a fresh server', function () {
  this.timeout(300_000);
  const blocks = walkthroughs(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  let dataDir: string;
  let server: (ServerProcess & { listeningPort: number }) | undefined;
  let env: Record<string, string>;
  let provider: OidcProviderHarness;

  before(async () => {
    curlDirectory = strictCurlDirectory();
    dataDir = mkdtempSync(join(tmpdir(), 'integration-hub-readme-'));
    provider = await OidcProviderHarness.start();
    // The README's defaults: the embedded database in DATA_DIR, the generated key; only the port is the test's own.
    // The test's OpenID provider is on http://127.0.0.1, which the README says needs WEBHOOK_ALLOW_PRIVATE=true.
    env = { DATA_DIR: dataDir, DATABASE_URL: '', SECRET_KEY: '', WEBHOOK_ALLOW_PRIVATE: 'true' };
    server = await startServer({ dataDir, via: 'npm', host: '127.0.0.1', env });
    env = { ...env, PORT: String(server.listeningPort) };
  });

  after(async () => {
    if (server !== undefined && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await killIfRunning(server);
    stopLeftoverPostgres(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(curlDirectory, { recursive: true, force: true });
    await provider?.stop();
  });

  it('has every walk-through, and none names a fixed port', () => {
    expect([...blocks.keys()]).to.include.members(['jfw', 'portal', 'dcr']);
    for (const [name, script] of blocks) {
      expect(script, name).to.include('BASE=http://127.0.0.1:${PORT:-3000}');
      expect(script.replace('${PORT:-3000}', ''), name).not.to.match(/:3000\b/);
    }
  });

  it('runs them with a curl that refuses two Content-Type headers in one request', async () => {
    const twice = await runBash("curl -sS -H 'Content-Type: application/json' -H 'content-type: text/plain' \"$BASE/healthz\"", {
      ...env,
      BASE: `http://127.0.0.1:${env.PORT}`,
    });
    expect(twice.code, twice.stderr).to.equal(97);
    expect(twice.stderr).to.include('2 Content-Type headers');
    const once = await runBash("curl -sS -H 'Content-Type: application/json' \"$BASE/healthz\"", { ...env, BASE: `http://127.0.0.1:${env.PORT}` });
    expect(once.code, once.stderr).to.equal(0);
  });

  it('JFramework: a brand and its key, the catalog, a configuration created and replaced (seed 000), its ETag, a conditional PATCH, a stale one refused; twice', async () => {
    for (const run of [1, 2]) {
      const { code, stdout, stderr } = await runBash(blocks.get('jfw')!, env);
      expect(code, `run ${run}: ${stderr}\n${stdout}`).to.equal(0);
      const answers = printed(stdout);
      const put = answers.find((a) => a.data?.clientSecret !== undefined && a.data?.updatedDate !== undefined);
      expect(put, stdout).to.deep.include({ success: true, statusCode: 200 });
      expect(put.data).to.include({ code: 'GOOGLE_OAUTH2', isDefault: true, clientSecret: 'GOCSPX-EXAMPLESECRET' });
      expect(stdout, 'the ETag header shown').to.match(/^etag: "2"\r?$/im);
      const patched = answers.find((a) => a.data?.description === 'Changed only if unchanged since read.');
      expect(patched, `the conditional PATCH applied\n${stdout}`).to.deep.include({ success: true, statusCode: 200 });
      expect(stdout).to.include('stale If-Match: 412\n');
      expect(answers.at(-1).data).to.match(/^https:\/\/accounts\.google\.com\/o\/oauth2\/auth\?response_type=code&client_id=/);
    }
  });

  it('portal: admin token, user, product, app, provision, approve, credentials, rotate; twice', async () => {
    for (const run of [1, 2]) {
      const { code, stdout, stderr } = await runBash(blocks.get('portal')!, env);
      expect(code, `run ${run}: ${stderr}\n${stdout}`).to.equal(0);
      const lists = printed(stdout).filter((a) => Array.isArray(a) && a[0]?.OAuthClientSecret !== undefined);
      expect(lists, stdout).to.have.length(2);
      const [before, after] = [lists[0][0], lists[1][0]];
      expect(after.OAuthClientID, 'the client id survives rotation').to.equal(before.OAuthClientID);
      expect(after.OAuthClientSecret, 'rotation issues a new secret').not.to.equal(before.OAuthClientSecret);
      const app = printed(stdout).at(-1);
      expect(app.AccessRequests[0][0]).to.include({ Status: 'approved' });
    }
  });

  it('DCR: an identity provider (created once), a DCR product, an approval, the credential; twice', async () => {
    const dcrEnv = { ...env, ISSUER: provider.issuer, IDP_INITIAL_ACCESS_TOKEN: provider.initialAccessToken! };
    for (const run of [1, 2]) {
      const { code, stdout, stderr } = await runBash(blocks.get('dcr')!, dcrEnv);
      expect(code, `run ${run}: ${stderr}\n${stdout}`).to.equal(0);
      const providers = printed(stdout).find((a) => Array.isArray(a) && a[0]?.RegistrationEndpoint !== undefined);
      expect(providers.filter((p: { Issuer: string }) => p.Issuer === provider.issuer), 'one provider for the issuer').to.have.length(1);
      expect(JSON.stringify(providers)).not.to.include(provider.initialAccessToken!);
      const [credential] = printed(stdout).at(-1);
      // The server's job queue ran the registration: the client exists at the provider.
      expect(credential.DCRSyncStatus, stdout).to.equal('synced');
      expect(await provider.clientExists(credential.OAuthClientID)).to.equal(true);
    }
  });
});
