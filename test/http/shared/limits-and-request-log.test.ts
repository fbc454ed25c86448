import { expect } from 'chai';
import request from 'supertest';
import { aBrandWithKey, createTestApp } from '../../support/test-app';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';
import { testDatabase } from '../../support/test-database';
import { portalClient } from '../portal/portal-http.support';

const PATH = '/api/v1/app-integrations/authentication';
const OVER_ONE_MIB = 'x'.repeat(1024 * 1024 + 16);

async function configurationCount(): Promise<number> {
  const [row] = await testDatabase().dataSource.query('SELECT count(*)::int AS n FROM integration_authentications');
  return row.n;
}

describe('request limits and the request log', () => {
  it('answers a JSON body over 1 MiB with 413 PayloadTooLarge in the envelope, writing nothing', async () => {
    const t = createTestApp();
    const { headers } = await aBrandWithKey(t.container);
    const before = await configurationCount();
    const res = await request(t.server).post(PATH).set(headers).send(anIntegrationAuthenticationBody({ description: OVER_ONE_MIB })).expect(413);
    expect(res.body).to.include({ success: false, statusCode: 413 });
    expect(res.body.errors[0].code).to.equal('PayloadTooLarge');
    expect(await configurationCount()).to.equal(before);
  });

  it('answers an oversized portal body with 413 in the portal shape', async () => {
    const c = await portalClient();
    const res = await request(c.t.server).post('/portal-api/users').set(c.auth).send({ Email: OVER_ONE_MIB }).expect(413);
    expect(res.body.status).to.equal('error');
    expect(res.body.errors).to.be.an('array').with.length(1);
  });

  it('writes one line per request with method, route template, status, duration and correlation id', async () => {
    const t = createTestApp();
    const { headers } = await aBrandWithKey(t.container);
    await request(t.server).get(`${PATH}/AAAAAAAAAAAAAAAAAA`).set(headers).set('X-Correlation-ID', 'trace-123').expect(404);
    const lines = t.logger.lines.map((l) => JSON.parse(l)).filter((l) => l.message === 'request');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ method: 'GET', route: '/api/v1/app-integrations/authentication/:id', status: 404, correlationId: 'trace-123' });
    expect(lines[0].durationMs).to.be.a('number');
  });

  it('echoes a sane X-Correlation-ID and replaces one that is not', async () => {
    const t = createTestApp();
    const echoed = await request(t.server).get('/healthz').set('X-Correlation-ID', 'abc-1');
    expect(echoed.headers['x-correlation-id']).to.equal('abc-1');
    const replaced = await request(t.server).get('/api/v1/nothing').set('X-Correlation-ID', 'x'.repeat(200));
    expect(replaced.headers['x-correlation-id']).to.match(/^[0-9a-f-]{36}$/);
    expect(replaced.body.correlationId).to.equal(replaced.headers['x-correlation-id']);
  });
});
