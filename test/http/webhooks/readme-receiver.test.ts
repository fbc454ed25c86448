import { expect } from 'chai';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SafeOutboundHttp } from '../../../src/adapters/outbound-http/safe-outbound-http';
import { StandardWebhooksSigner } from '../../../src/adapters/webhooks/standard-webhooks.signer';
import { freePort } from '../../support/child-server';
import { ROOT } from '../../support/server-process';

/** The README's receiver example, exactly as printed (the js block after its marker). */
function readmeReceiver(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const match = /<!-- webhook-receiver-example -->\n```js\n([\s\S]*?)\n```/.exec(readme);
  if (match === null) throw new Error('README.md has no webhook receiver example');
  return match[1];
}

describe('the README\'s webhook receiver example (run as written, signed by the service\'s signer)', function () {
  this.timeout(30_000);
  const signer = new StandardWebhooksSigner();
  const http = new SafeOutboundHttp({ allowPrivate: true });
  const secret = signer.newSecret();
  const body = JSON.stringify({ type: 'portal-app.updated', timestamp: '2026-11-30T07:00:00.000Z', data: { ID: 7, Name: 'Pay ✓' } });
  let dir: string;
  let child: ChildProcess;
  let url: string;
  let stdout = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ih-readme-receiver-'));
    writeFileSync(join(dir, 'receiver.js'), readmeReceiver());
    const port = await freePort();
    url = `http://127.0.0.1:${port}/`;
    child = spawn(process.execPath, [join(dir, 'receiver.js')], { env: { PATH: process.env.PATH ?? '', WEBHOOK_SECRET: secret, RECEIVER_PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    for (let i = 0; ; i++) {
      const probe = await http.send({ method: 'POST', url, body: '' });
      if (probe.kind === 'answered') break;
      if (i > 100 || child.exitCode !== null) throw new Error('the README receiver did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  after(() => {
    child?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  const deliver = (b: string, headers: Record<string, string>) =>
    http.send({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, body: b });

  it('accepts a delivery signed with the secret, once per webhook-id', async () => {
    const headers = signer.sign({ id: 'evt_readme1', timestamp: new Date(), body }, secret);
    expect(await deliver(body, { ...headers })).to.include({ kind: 'answered', status: 204 });
    const again = signer.sign({ id: 'evt_readme1', timestamp: new Date(), body }, secret);
    expect(await deliver(body, { ...again })).to.include({ status: 204 });
    expect(stdout.trim().split('\n')).to.deep.equal([`evt_readme1 portal-app.updated 2026-11-30T07:00:00.000Z {"ID":7,"Name":"Pay ✓"}`]);
  });

  it('refuses a tampered body, another secret, an old timestamp and a missing signature with 401', async () => {
    const signed = signer.sign({ id: 'evt_readme2', timestamp: new Date(), body }, secret);
    expect(await deliver(body.replace('Pay', 'Pal'), { ...signed })).to.include({ status: 401 });
    expect(await deliver(body, { ...signer.sign({ id: 'evt_readme2', timestamp: new Date(), body }, signer.newSecret()) })).to.include({ status: 401 });
    expect(await deliver(body, { ...signer.sign({ id: 'evt_readme2', timestamp: new Date(Date.now() - 10 * 60_000), body }, secret) })).to.include({ status: 401 });
    expect(await deliver(body, { 'webhook-id': 'evt_readme2', 'webhook-timestamp': signed['webhook-timestamp'] })).to.include({ status: 401 });
    expect(stdout).to.not.include('evt_readme2');
  });
});
