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

  it('GET /readyz shows the job queue runner\'s state as `jobs`, and stays 200 while the queue restarts', async () => {
    let state: 'running' | 'restarting' | 'stopped' = 'running';
    const t = createTestApp({ jobQueueState: () => state });
    await request(t.server).get('/readyz').expect(200, { status: 'ready', jobs: 'running' });
    state = 'restarting';
    // Read at each request, not reused with the database check: the change shows at once.
    await request(t.server).get('/readyz').expect(200, { status: 'ready', jobs: 'restarting' });
  });

  it('GET /readyz adds `jobsProblem` when the runner has one (failing, stopped for good), and still answers 200', async () => {
    let state: 'running' | 'failing' | 'stopped' = 'failing';
    let problem: string | undefined = 'the database refuses the job queue its rows';
    const t = createTestApp({ jobQueueState: () => state, jobQueueProblem: () => problem });
    await request(t.server).get('/readyz').expect(200, { status: 'ready', jobs: 'failing', jobsProblem: 'the database refuses the job queue its rows' });
    [state, problem] = ['running', undefined];
    await request(t.server).get('/readyz').expect(200, { status: 'ready', jobs: 'running' });
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

  it('keeps the route template of requests refused by authentication, in metrics and in the request log', async () => {
    const t = createTestApp();
    await request(t.server).get('/portal-api/apps').expect(401);
    await request(t.server).put('/portal-api/apps/7').set('Authorization', 'wrong').send({}).expect(401);
    await request(t.server).get('/api/v1/app-integrations').expect(400); // no Brand-URL
    await request(t.server).get('/api/v1/app-integrations').set('Brand-URL', 'nobody.example.com').expect(401);
    await request(t.server).get('/portal-api/no-such-thing').expect(401); // unknown paths stay unmatched
    const res = await request(t.server).get('/metrics').expect(200);
    expect(res.text).to.match(/http_requests_total\{method="GET",route="\/portal-api\/apps",status="401"\} 1/);
    expect(res.text).to.match(/http_requests_total\{method="PUT",route="\/portal-api\/apps\/:app_id",status="401"\} 1/);
    expect(res.text).to.match(/http_requests_total\{method="GET",route="\/api\/v1\/app-integrations",status="400"\} 1/);
    expect(res.text).to.match(/http_requests_total\{method="GET",route="\/api\/v1\/app-integrations",status="401"\} 1/);
    expect(res.text).to.match(/http_requests_total\{method="GET",route="unmatched",status="401"\} 1/);
    const routes = t.logger.lines.map((l) => JSON.parse(l)).filter((l) => l.message === 'request').map((l) => `${l.status} ${l.route}`);
    expect(routes.slice(0, 5)).to.deep.equal([
      '401 /portal-api/apps',
      '401 /portal-api/apps/:app_id',
      '400 /api/v1/app-integrations',
      '401 /api/v1/app-integrations',
      '401 unmatched',
    ]);
  });
});
