import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { chromium, type Browser } from 'playwright-core';
import { createTestApp } from '../support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Swagger UI's id of an operation block: operations-{tag}-{operationId}. */
const opblock = (tag: string, operationId: string) => `#operations-${tag}-${operationId}`;

describe('GET /docs in headless Chromium', function () {
  let server: Server;
  let base: string;
  let browser: Browser;

  before(async function () {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    const { app } = createTestApp();
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((ready, fail) => server.once('listening', ready).once('error', fail));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  after(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
  });

  it('renders the operations of both surfaces from /openapi.json, with every file from the service', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 2000 } });
    const requested: string[] = [];
    const failed: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Whatever the page's Content-Security-Policy blocked (a script, a style, an image) shows up as a console error.
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) blocked.push(m.text());
    });

    const answer = await page.goto(`${base}/docs`, { waitUntil: 'load' });
    expect(answer?.status()).to.equal(200);
    const csp = (await answer!.allHeaders())['content-security-policy'];
    expect(csp, 'the page renders under its own CSP').to.include("default-src 'self'").and.include("frame-ancestors 'none'");

    // Seed 000's PUT (JFramework) and seed 003's PUT (portal), rendered from the document.
    const seed000 = page.locator(opblock('JFramework', 'updateIntegrationAuthentication'));
    const seed003 = page.locator(opblock('Portal', 'updateApp'));
    await seed000.waitFor({ state: 'visible', timeout: 30_000 });
    await seed003.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await seed000.locator('.opblock-summary-method').innerText()).to.equal('PUT');
    expect(await seed000.locator('.opblock-summary-path').getAttribute('data-path')).to.equal('/api/v1/app-integrations/authentication/{id}');
    expect(await seed003.locator('.opblock-summary-method').innerText()).to.equal('PUT');
    expect(await seed003.locator('.opblock-summary-path').getAttribute('data-path')).to.equal('/portal-api/apps/{app_id}');
    expect(await page.locator('.info .title').innerText()).to.include('integration-hub');
    expect(await page.locator('.opblock').count()).to.be.greaterThan(30);

    // Opening seed 000's PUT shows its request example from the seed.
    await seed000.locator('.opblock-summary').first().click();
    await seed000.locator('.opblock-body').waitFor({ state: 'visible' });
    expect(await seed000.locator('.opblock-body').innerText()).to.include('GOOGLE_OAUTH2');

    if (process.env.DOCS_SCREENSHOT) await page.screenshot({ path: process.env.DOCS_SCREENSHOT, fullPage: false });

    expect(errors, 'page errors').to.deep.equal([]);
    expect(blocked, 'anything the CSP blocked').to.deep.equal([]);
    expect(failed, 'failed requests').to.deep.equal([]);
    expect(requested.filter((url) => !url.startsWith(`${base}/`) && !url.startsWith('data:')), 'requests off the service (CDN)').to.deep.equal([]);
    expect(requested).to.include(`${base}/openapi.json`);
  });
});
