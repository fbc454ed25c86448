import { expect } from 'chai';
import { Container } from 'inversify';
import {
  ApproveAccessRequest, CreateApiProduct, CreateAppIntegration, CreateBrand, CreateBrandKey, CreateIntegrationAuthentication,
  CreatePortalApp, CreatePortalUser, DeleteAccessRequest, DeleteIntegrationAuthentication, PatchIntegrationAuthentication,
  ProvisionPortalApp, RotateCredential, UpdateIntegrationAuthentication, UpdatePortalApp,
} from '../../../src';
import { AUDIT_TRAIL, AuditTrail } from '../../../src/application/ports/audit-trail';
import { createContainer } from '../../../src/bootstrap/container';
import { TEST_CHANGE } from '../../support/change';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';

/** One line per entry: action, resource type, changed fields (secrets marked *), then its events. */
type Trail = string[];

/**
 * The same writes through the use cases on each store must leave the same
 * audit trail and outbox, read through the AuditTrail port: the in-memory
 * stores are a faithful fake of the audited SQL (fakes over mocks, one
 * contract over every adapter).
 */
async function trailOf(container: Container): Promise<Trail> {
  const started = Date.now();
  const n = `${process.pid}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const change = TEST_CHANGE;
  const brand = await container.get(CreateBrand).execute({ url: `trail-${n}.example.com`, change });
  const key = await container.get(CreateBrandKey).execute({ brandUrl: brand.url, change });
  const entry = await container.get(CreateAppIntegration).execute({ type: 'Authenticate', name: `Trail ${n}`, domain: 'https://idp.example.com', change });
  const settings = { ...anIntegrationAuthenticationBody({ appIntegrationId: entry.id, clientSecret: 'trail-secret-1' }), status: 'Active' } as never;
  const created = await container.get(CreateIntegrationAuthentication).execute({ brandId: brand.id, settings, change });
  const id = created.authentication.id;
  await container.get(UpdateIntegrationAuthentication).execute({ brandId: brand.id, id, settings: { ...(settings as object), name: 'Renamed', isDefault: true } as never, change });
  await container.get(PatchIntegrationAuthentication).execute({ brandId: brand.id, id, patch: { clientSecret: 'trail-secret-2' }, change });
  await container.get(DeleteIntegrationAuthentication).execute({ brandId: brand.id, id, change });

  const user = await container.get(CreatePortalUser).execute({ email: `trail-${n}@example.com`, first: 'A', last: 'B', role: 'consumer-admin', change });
  const app = await container.get(CreatePortalApp).execute({ name: 'Trail App', userId: user.id, redirectUrls: 'https://a.example.com/cb', change });
  await container.get(UpdatePortalApp).execute({ appId: app.app.id, changes: { name: 'Trail App 2' }, change });
  const product = await container.get(CreateApiProduct).execute({ name: `Trail API ${n}`, authType: 'authToken', change });
  const request = await container.get(ProvisionPortalApp).execute({ appId: app.app.id, productIds: [product.id], change });
  const approved = await container.get(ApproveAccessRequest).execute({ accessRequestId: request.id, change });
  await container.get(RotateCredential).execute({ appId: app.app.id, accessRequestId: request.id, credentialId: approved.credentials[0]!.id, change });
  await container.get(DeleteAccessRequest).execute({ accessRequestId: request.id, change });

  // Failed writes record nothing, on either store: a stale If-Match, an approval of a request that is gone, a taken code.
  const before = (await container.get<AuditTrail>(AUDIT_TRAIL).entries({}, { offset: 0, limit: 1 })).total;
  const fails = [
    container.get(UpdatePortalApp).execute({ appId: app.app.id, changes: { name: 'stale' }, expectedVersion: 1, change }),
    container.get(ApproveAccessRequest).execute({ accessRequestId: request.id, change }),
    container.get(CreateIntegrationAuthentication).execute({ brandId: brand.id, settings: { ...(settings as object), code: 'TAKEN' } as never, change })
      .then(() => container.get(CreateIntegrationAuthentication).execute({ brandId: brand.id, settings: { ...(settings as object), code: 'TAKEN' } as never, change })),
  ];
  const outcomes = await Promise.allSettled(fails);
  expect(outcomes.map((o) => o.status)).to.deep.equal(['rejected', 'rejected', 'rejected']);
  // The first TAKEN create succeeded (one entry); the second, the stale update and the approval recorded nothing.
  expect((await container.get<AuditTrail>(AUDIT_TRAIL).entries({}, { offset: 0, limit: 1 })).total).to.equal(before + 1);

  const audit = container.get<AuditTrail>(AUDIT_TRAIL);
  const resources: [string, string][] = [
    ['brand', brand.id], ['brand-key', key.keyId], ['app-integration', entry.id], ['integration-authentication', id],
    ['portal-user', String(user.id)], ['portal-app', String(app.app.id)], ['api-product', String(product.id)],
    ['access-request', String(request.id)], ['credential', String(approved.credentials[0]!.id)],
  ];
  const lines: Trail = [];
  for (const [resourceType, resourceId] of resources) {
    const entries = (await audit.entries({ resourceType, resourceId }, { offset: 0, limit: 50 })).items;
    const events = (await audit.events({}, { offset: 0, limit: 1000 })).items;
    for (const e of [...entries].reverse()) {
      const fields = e.changes.map((c) => ('changed' in c ? `${c.field}*` : c.field)).join(',');
      const own = events.filter((ev) => ev.auditEntryId === e.id);
      for (const ev of own) {
        // A UUIDv7 in hex (version 7, RFC variant) whose first 48 bits are the write's time in ms.
        expect(ev.id).to.match(/^evt_[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
        expect(parseInt(ev.id.slice(4, 16), 16)).to.be.within(started - 1_000, Date.now() + 1_000);
      }
      const types = own.map((ev) => ev.type).sort().join(',');
      expect(JSON.stringify(e.changes), 'no secret value in an entry').to.not.match(/trail-secret/);
      lines.push(`${e.action} ${resourceType} [${fields}] → ${types}`);
    }
  }
  return lines;
}

describe('audit trail contract: the same writes leave the same trail on every store', function () {
  this.timeout(60_000);

  const expected: Trail = [
    'created brand [url,name] → ',
    'created brand-key [key*] → ',
    'created app-integration [type,name,domain,status] → ',
    'created integration-authentication [appIntegrationId,code,name,projectId,clientId,redirectURI,scope,authEndpoint,tokenEndpoint,iconURL,tags,description,status,isDefault,clientSecret*] → integration-authentication.created',
    'updated integration-authentication [name,isDefault] → integration-authentication.default-changed',
    'updated integration-authentication [clientSecret*] → integration-authentication.updated',
    'deleted integration-authentication [appIntegrationId,code,name,projectId,clientId,redirectURI,scope,authEndpoint,tokenEndpoint,iconURL,tags,description,status,isDefault,clientSecret*] → integration-authentication.deleted',
    'created portal-user [Email,First,Last,Role,Active] → ',
    'created portal-app [Name,Description,RedirectURLs,UserID,Visibility] → portal-app.created',
    'updated portal-app [Name] → portal-app.updated',
    'created api-product [Name,AuthType,Scopes] → ',
    'provisioned access-request [App,Products,Plan,Catalogue,AuthType,Status] → access-request.created',
    'approved access-request [Status,Credential#*] → access-request.approved,credential.issued',
    'deleted access-request [Credentials] → access-request.deleted,credential.revoked',
    'rotated credential [Credential*] → credential.rotated',
  ];
  // Credential ids differ between stores; the field names them.
  const normalise = (trail: Trail) => trail.map((line) => line.replace(/Credential#\d+\*/, 'Credential#*'));

  it('in-memory stores', async () => {
    const container = createContainer({ persistence: { kind: 'in-memory' }, secretKey: TEST_SECRET_KEY });
    expect(normalise(await trailOf(container))).to.deep.equal(expected);
  });

  it('TypeORM on PostgreSQL', async () => {
    const container = createContainer({ persistence: { kind: 'typeorm', dataSource: testDatabase().dataSource }, secretKey: TEST_SECRET_KEY });
    expect(normalise(await trailOf(container))).to.deep.equal(expected);
  });
});
