import { expect } from 'chai';
import request from 'supertest';
import { OidcDiscovery } from '../../../src/adapters/client-registration/oidc-discovery';
import { SafeOutboundHttp } from '../../../src/adapters/outbound-http/safe-outbound-http';
import { CreatePortalAdmin } from '../../../src/application/portal-admin/create-portal-admin.use-case';
import { cliChange } from '../../../src/domain/audit/change-context';
import { rememberSecret } from '../../support/suite-secrets';
import { aBrandWithKey, createTestApp, TestApp } from '../../support/test-app';

/** Azure's WireServer, Oracle's and GCP's IPv6 metadata, the EKS credential agent: in every spelling a tenant could write. */
const PLATFORM_TARGETS = [
  'https://168.63.129.16/machine?comp=goalstate', 'http://168.63.129.16:32526/vmSettings', 'https://[::ffff:168.63.129.16]/', 'https://0xa83f8110/',
  'https://192.0.0.192/', 'http://[fd20:ce::254]/computeMetadata/v1/', 'http://169.254.170.23/v1/credentials', 'http://[fd00:ec2::23]/',
];
const UPDATED = 'integration-authentication.updated';
/** The target rule's refusal; a host spelled otherwise than the parser writes it is refused first by the URL rules. */
const REFUSED = /never reachable \(metadata\)|must name its host plainly/;

describe('platform metadata addresses as outbound targets (real PostgreSQL)', () => {
  let open: TestApp;
  let closed: TestApp;

  before(() => {
    open = createTestApp({ webhooks: { allowPrivate: true } });
    closed = createTestApp();
  });

  it('refuses them as JFramework webhook URLs at creation, with WEBHOOK_ALLOW_PRIVATE on or off', async () => {
    const brand = await aBrandWithKey(open.container);
    for (const app of [open, closed]) {
      // Without the switch http is refused by its scheme alone: the https form shows the address rule.
      for (const url of PLATFORM_TARGETS.map((u) => (app === closed ? u.replace(/^http:/, 'https:') : u))) {
        const res = await request(app.server).post('/api/v1/webhooks').set(brand.headers).send({ url, eventTypes: [UPDATED] });
        expect(res.status, url).to.equal(400);
        expect(res.body.errors[0], url).to.include({ code: 'ValidationFailed', field: 'url' });
        expect(res.body.errors[0].message, url).to.match(REFUSED);
      }
    }
  });

  it('refuses them as portal webhook URLs with 422, with WEBHOOK_ALLOW_PRIVATE on', async () => {
    const { token } = await open.container.get(CreatePortalAdmin).execute({ email: `platform-${process.pid}-${Date.now()}@example.com`, change: cliChange() });
    rememberSecret(token);
    for (const url of PLATFORM_TARGETS) {
      const res = await request(open.server).post('/portal-api/webhooks').set({ Authorization: token }).send({ URL: url, EventTypes: ['portal-app.updated'] });
      expect(res.status, url).to.equal(422);
      expect(res.body.errors.join(' '), url).to.match(REFUSED);
    }
  });

  it('refuses a delivery or an identity provider whose name resolves to one of them, with WEBHOOK_ALLOW_PRIVATE on, sending nothing', async () => {
    for (const address of ['168.63.129.16', '::ffff:168.63.129.16', '192.0.0.192', 'fd20:ce::254', '169.254.170.23']) {
      const resolve = async () => [{ address, family: address.includes(':') ? (6 as const) : (4 as const) }];
      const http = new SafeOutboundHttp({ allowPrivate: true, resolve, warn: () => undefined });
      const delivery = await http.send({ method: 'POST', url: 'http://hooks.example.invalid/hook', body: '{}' });
      expect(delivery, address).to.deep.include({ kind: 'refused' });
      // DCR discovery goes through the same sender (client-registration.module binds OUTBOUND_HTTP).
      let refused: unknown;
      await new OidcDiscovery(http).discover('https://idp.example.invalid').catch((error: unknown) => (refused = error));
      expect(refused, address).to.have.property('code', 'IdentityProviderNotAllowed');
    }
  });
});
