import { expect } from 'chai';
import Koa from 'koa';
import { Registry } from 'prom-client';
import request from 'supertest';
import { surelyValidIntegrationAuthenticationBody } from '../../../src/adapters/http/jfw/dto/integration-authentication.fast-check';
import { HttpMetrics } from '../../../src/adapters/http/operations/http-metrics';
import { requestLog } from '../../../src/adapters/http/shared/request-log.middleware';
import { RecordingLogger } from '../../support/recording-logger';
import { anIntegrationAuthenticationBody } from '../../support/integration-authentication.mother';

/** What the hot path keeps between requests (docs/performance.md) must not change an answer, a count or a log line. */
describe('hot-path caches', () => {
  it('counts each (method, route, status) on its own series, however often and in whatever order they come', async () => {
    const metrics = new HttpMetrics(new Registry());
    const app = new Koa();
    app.use(metrics.middleware());
    app.use((ctx) => {
      (ctx as { _matchedRoute?: string })._matchedRoute = '/things/:id';
      ctx.status = ctx.path.endsWith('missing') ? 404 : 200;
      ctx.body = 'ok';
    });
    const server = app.callback();
    for (const path of ['/things/1', '/things/missing', '/things/2', '/things/missing', '/things/3']) await request(server).get(path);
    await request(server).delete('/things/1');
    const text = await metrics.registry.metrics();
    expect(text).to.match(/http_requests_total\{method="GET",route="\/things\/:id",status="200"\} 3/);
    expect(text).to.match(/http_requests_total\{method="GET",route="\/things\/:id",status="404"\} 2/);
    expect(text).to.match(/http_requests_total\{method="DELETE",route="\/things\/:id",status="200"\} 1/);
    expect(text).to.match(/http_request_duration_seconds_count\{method="GET",route="\/things\/:id",status="404"\} 2/);
  });

  it('writes the request line when info is on, and none when the logger says info is off', async () => {
    const on = Object.assign(new RecordingLogger(), { isLevelEnabled: () => true });
    const off = Object.assign(new RecordingLogger(), { isLevelEnabled: () => false });
    for (const logger of [on, off]) {
      const app = new Koa();
      const log = requestLog(logger);
      expect(log === undefined).to.equal(logger === off);
      if (log !== undefined) app.use(log);
      app.use((ctx) => {
        ctx.body = 'ok';
      });
      await request(app.callback()).get('/x');
    }
    expect(on.lines.map((l) => JSON.parse(l).message)).to.deep.equal(['request']);
    expect(off.lines).to.deep.equal([]);
  });

  it('keeps answering the same for an endpoint URL it has seen before, valid or not', () => {
    const withUrl = (authEndpoint: string) => anIntegrationAuthenticationBody({ authEndpoint }) as Record<string, unknown>;
    for (let i = 0; i < 3; i++) {
      expect(surelyValidIntegrationAuthenticationBody(withUrl('https://accounts.example.com/o/oauth2/auth'))).to.equal(true);
      expect(surelyValidIntegrationAuthenticationBody(withUrl('ftp://accounts.example.com/auth'))).to.equal(false);
      expect(surelyValidIntegrationAuthenticationBody(withUrl('https://'))).to.equal(false);
    }
    // Past the memo's size it starts over and still answers each URL by its own merits.
    for (let i = 0; i < 600; i++) expect(surelyValidIntegrationAuthenticationBody(withUrl(`https://h${i}.example.com/a`))).to.equal(true);
    expect(surelyValidIntegrationAuthenticationBody(withUrl('ftp://accounts.example.com/auth'))).to.equal(false);
  });
});
