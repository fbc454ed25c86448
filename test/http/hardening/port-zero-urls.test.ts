import { expect } from 'chai';
import request from 'supertest';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import { aBrandWithKey } from '../../support/test-app';
import { storedConfigurationRow, testDatabase } from '../../support/test-database';
import { portalClient, PortalClient, row } from '../portal/portal-http.support';

const PATH = '/api/v1/app-integrations/authentication';
const MERGE_PATCH = 'application/merge-patch+json';
/** Port 0, as written and as the parser also reads `:000`. */
const PORT_ZERO = ['https://a.example:0/cb', 'https://a.example:000/cb'];

describe('a stored URL naming port 0 is refused on both surfaces, changing nothing', () => {
  // One app serves both surfaces: the portal client's, with a brand of its own.
  let c: PortalClient;
  let headers: Record<string, string>;
  const server = () => c.t.server;

  before(async () => {
    c = await portalClient();
    headers = (await aBrandWithKey(c.t.container)).headers;
  });

  const brandRows = async () => Number((await testDatabase().dataSource.query('SELECT count(*) AS n FROM integration_authentications'))[0].n);

  for (const field of ['redirectURI', 'authEndpoint', 'tokenEndpoint', 'iconURL']) {
    it(`JFramework: 400 naming ${field} on POST, PUT and PATCH`, async () => {
      const id = (await request(server()).post(PATH).set(headers).send(anIntegrationAuthenticationBody()).expect(201)).body.data.id;
      const before = await storedConfigurationRow(id);
      const count = await brandRows();
      for (const url of PORT_ZERO) {
        const posted = await request(server()).post(PATH).set(headers).send(anIntegrationAuthenticationBody({ [field]: url })).expect(400);
        const put = await request(server()).put(`${PATH}/${id}`).set(headers).send(anIntegrationAuthenticationBody({ [field]: url })).expect(400);
        const patched = await request(server()).patch(`${PATH}/${id}`).set(headers).set('Content-Type', MERGE_PATCH).send(JSON.stringify({ [field]: url })).expect(400);
        for (const res of [posted, put, patched]) {
          expect(res.body.errors.map((e: { field: string }) => e.field), `${field} ${url}`).to.deep.equal([field]);
          // The redirect URI's rule is the domain's own (the endpoints' and icon's are refused by the DTO's URL check first).
          if (field === 'redirectURI') expect(res.body.errors[0].message).to.equal('must not name port 0');
        }
      }
      expect(await storedConfigurationRow(id)).to.deep.equal(before);
      expect(await brandRows()).to.equal(count);
    });
  }

  it('portal: 422 naming RedirectURLs on app creation and change, the app as it was', async () => {
    const app = await c.anApp({ RedirectURLs: 'https://app-host/cb' });
    const before = await row('portal_apps', app.ID);
    for (const url of PORT_ZERO) {
      const created = await request(server()).post('/portal-api/apps').set(c.auth).send({ Name: 'Zero', RedirectURLs: url, UserID: app.UserID }).expect(422);
      expect(created.body).to.deep.equal({ errors: [`RedirectURLs: ${url} must not name port 0`] });
      const changed = await request(server()).put(`/portal-api/apps/${app.ID}`).set(c.auth).send({ RedirectURLs: `https://app-host/cb,${url}` }).expect(422);
      expect(changed.body).to.deep.equal({ errors: [`RedirectURLs: ${url} must not name port 0`] });
    }
    expect(await row('portal_apps', app.ID)).to.deep.equal(before);
    const named = await testDatabase().dataSource.query(`SELECT count(*) AS n FROM portal_apps WHERE name = 'Zero'`);
    expect(Number(named[0].n)).to.equal(0);
  });

  it('still takes an explicit port other than 0 (1 and 65535)', async () => {
    const body = anIntegrationAuthenticationBody({
      redirectURI: 'https://a.example:1/cb', authEndpoint: 'https://a.example:65535/auth', tokenEndpoint: 'https://a.example:8443/token', iconURL: 'https://a.example:1/i.png',
    });
    await request(server()).post(PATH).set(headers).send(body).expect(201);
    await c.anApp({ RedirectURLs: 'https://a.example:1/cb,https://a.example:65535/cb' });
  });
});
