import { expect } from 'chai';
import request from 'supertest';
import { createTestApp } from '../../support/test-app';

describe('operational endpoints', () => {
  it('GET /healthz answers 200 without authentication', async () => {
    const t = createTestApp();
    await request(t.server).get('/healthz').expect(200, { status: 'ok' });
  });

  it('GET /readyz answers 200 when the database is reachable and migrated', async () => {
    const t = createTestApp();
    await request(t.server).get('/readyz').expect(200, { status: 'ready' });
  });

  it('GET /metrics counts requests by route template and status, and shows the pool', async () => {
    const t = createTestApp();
    await request(t.server).get('/api/v1/app-integrations/authentication/abc').set('Brand-URL', 'nobody.example.com').expect(401);
    const res = await request(t.server).get('/metrics').expect(200);
    expect(res.headers['content-type']).to.match(/text\/plain/);
    expect(res.text).to.match(/http_requests_total\{method="GET",route="\/api\/v1\/app-integrations\/authentication\/:id",status="401"\} 1/);
    expect(res.text).to.include('http_request_duration_seconds_bucket');
    expect(res.text).to.match(/db_pool_connections\{state="total"\} \d+/);
  });
});
