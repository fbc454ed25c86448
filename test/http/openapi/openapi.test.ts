import { NO_RATE_LIMITS, RateLimits } from '../../../src/adapters/http/shared/rate-limits';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Router from '@koa/router';
import { expect } from 'chai';
import request from 'supertest';
import { jfwRouter } from '../../../src/adapters/http/jfw/jfw.router';
import { IntegrationAuthenticationBody } from '../../../src/adapters/http/jfw/dto/integration-authentication.dto';
import { BODY_DTOS } from '../../../src/adapters/http/openapi/dto-schemas';
import { buildOpenApiDocument } from '../../../src/adapters/http/openapi/openapi.document';
import { openApiRouter } from '../../../src/adapters/http/openapi/openapi.router';
import { SEED_000_PUT_REQUEST, SEED_000_PUT_RESPONSE, SEED_003_PUT_REQUEST, SEED_003_PUT_RESPONSE } from '../../../src/adapters/http/openapi/seed-examples';
import { operationsRouter } from '../../../src/adapters/http/operations/operations.router';
import { PortalAppUpdateBody } from '../../../src/adapters/http/portal/dto/portal.dto';
import { portalRouter } from '../../../src/adapters/http/portal/portal.surface';
import { ResolveUseCase } from '../../../src/adapters/http/shared/route-table';
import { validateBody } from '../../../src/adapters/http/shared/validate-body';
import { createTestApp } from '../../support/test-app';

/** The routers are only listed here, never called: no use case instance is needed. */
const noUseCases: ResolveUseCase = () => ({}) as never;

type Doc = ReturnType<typeof buildOpenApiDocument>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** "METHOD /path/{param}" for every route a router serves (HEAD is Koa's echo of GET). */
function routesOf(router: Router): string[] {
  return router.stack.flatMap((layer) =>
    layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${String(layer.path).replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`),
  );
}

function operationsOf(doc: Doc): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).filter((k) => METHODS.includes(k)).map((m) => `${m.toUpperCase()} ${path}`));
}

/** The reference pages' examples, kept verbatim in test/fixtures/seeds (see its README). */
function seedFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'seeds', name), 'utf8'));
}

describe('GET /openapi.json', () => {
  let doc: Doc;
  before(async () => {
    const res = await request(createTestApp().server).get('/openapi.json').expect(200);
    expect(res.headers['content-type']).to.match(/^application\/json/);
    doc = res.body as Doc;
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const validator = new Validator();
    const result = await validator.validate(doc as never);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).to.deep.equal([]);
    expect(result.valid).to.equal(true);
    expect(validator.version).to.equal('3.1');
    expect(doc.openapi).to.equal('3.1.0');
  });

  it('documents every route both surfaces and the operational endpoints serve, and no other', () => {
    const served = [
      ...routesOf(jfwRouter(noUseCases, new RateLimits(NO_RATE_LIMITS))),
      ...routesOf(portalRouter(noUseCases)),
      ...routesOf(operationsRouter(async () => true)),
      ...routesOf(openApiRouter(() => buildOpenApiDocument({ version: 'test' }))),
    ];
    expect(served).to.include('PUT /api/v1/app-integrations/authentication/{id}');
    expect(served).to.include('PUT /portal-api/apps/{app_id}');
    expect([...operationsOf(doc)].sort()).to.deep.equal([...new Set(served)].sort());
  });

  it('is matched, route for route, by the route tables of docs/jfw-surface.md and docs/portal-surface.md', () => {
    for (const [file, router] of [
      ['jfw-surface.md', jfwRouter(noUseCases, new RateLimits(NO_RATE_LIMITS))],
      ['portal-surface.md', portalRouter(noUseCases)],
    ] as const) {
      const text = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', file), 'utf8');
      const documented = [...text.matchAll(/^\| `(GET|POST|PUT|PATCH|DELETE) (\/[^`]*)` \|/gm)].map((m) => `${m[1]} ${m[2]}`);
      expect([...documented].sort(), file).to.deep.equal([...new Set(routesOf(router))].sort());
    }
  });

  it('takes request schemas from the DTOs that validate the requests', () => {
    for (const dto of BODY_DTOS) expect(doc.components.schemas, dto.name).to.have.property(dto.name);
    const put = doc.paths['/api/v1/app-integrations/authentication/{id}']!.put as any;
    expect(put.requestBody.content['application/json'].schema).to.deep.equal({ $ref: '#/components/schemas/IntegrationAuthenticationBody' });
    expect(doc.components.schemas.IntegrationAuthenticationBody!.required).to.have.members([
      'appIntegrationId', 'code', 'name', 'projectId', 'clientId', 'clientSecret', 'redirectURI', 'scope',
    ]);
    expect(doc.components.schemas.IntegrationAuthenticationBody!.additionalProperties).to.equal(false);
    const portalPut = doc.paths['/portal-api/apps/{app_id}']!.put as any;
    expect(portalPut.requestBody.content['application/json'].schema).to.deep.equal({ $ref: '#/components/schemas/PortalAppUpdateBody' });
    expect(doc.components.schemas.PortalAppUpdateBody!.required ?? []).to.deep.equal([]); // PUT is partial
  });

  it('declares the security schemes of both surfaces and uses them', () => {
    expect(doc.components.securitySchemes).to.deep.include({
      BrandUrl: { type: 'apiKey', in: 'header', name: 'Brand-URL', description: 'The brand (tenant), e.g. acme.example.com' },
    });
    const schemes = doc.components.securitySchemes as Record<string, { in: string; name: string }>;
    expect(Object.values(schemes).map((s) => `${s.in}:${s.name}`)).to.have.members(['header:Brand-URL', 'header:Auth-Key', 'header:Authorization']);
    expect((doc.paths['/api/v1/app-integrations']!.get as any).security).to.deep.equal([{ BrandUrl: [], AuthKey: [] }]);
    expect((doc.paths['/portal-api/apps']!.get as any).security).to.deep.equal([{ PortalAdminToken: [] }]);
    expect((doc.paths['/openapi.json']!.get as any).security).to.deep.equal([]);
  });

  it('documents the error answers of each surface', () => {
    const jfwPut = doc.paths['/api/v1/app-integrations/authentication/{id}']!.put as any;
    for (const status of ['400', '401', '404', '409', '412', '413', '415', '500', '503']) expect(jfwPut.responses[status], status).to.deep.equal({ $ref: `#/components/responses/Jfw${status}` });
    expect((doc.components.responses as any).Jfw401.content['application/json'].schema).to.deep.equal({ $ref: '#/components/schemas/JfwErrorEnvelope' });
    const portalPut = doc.paths['/portal-api/apps/{app_id}']!.put as any;
    expect(portalPut.responses['422'].content['application/json'].schema).to.deep.equal({ $ref: '#/components/schemas/Errors' });
    expect(portalPut.responses['401']).to.deep.equal({ $ref: '#/components/responses/PortalUnauthorized' });
    const approve = doc.paths['/portal-api/access_requests/{access_request_id}/approve']!.put as any;
    expect(approve.responses['422'].content['application/json'].schema).to.deep.equal({ $ref: '#/components/schemas/StatusWithErrorMessage' });
    const provision = doc.paths['/portal-api/apps/{app_id}/provision']!.put as any;
    expect(provision.responses['422'].content['application/json'].schema).to.deep.equal({ $ref: '#/components/schemas/StatusWithErrors' });
    const getApp = doc.paths['/portal-api/apps/{app_id}']!.get as any;
    expect(getApp.responses['404']).to.deep.equal({ $ref: '#/components/responses/PortalNotFound' });
  });

  it('documents an ETag on every single-resource GET, and If-Match with its 412 on every PUT, PATCH and DELETE, of both surfaces', () => {
    // Provisioning creates an access request (it answers that request's ETag): there is nothing to match yet.
    const creates = ['PUT /portal-api/apps/{app_id}/provision'];
    const surfaces = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/v1/') || path.startsWith('/portal-api/'));
    let singleGets = 0;
    let writes = 0;
    for (const [path, item] of surfaces) {
      for (const [method, op] of Object.entries(item as Record<string, any>)) {
        const name = `${method.toUpperCase()} ${path}`;
        const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'))![1] as any;
        if (method === 'get' && path.endsWith('}')) {
          singleGets++;
          expect(success.headers?.ETag, name).to.deep.equal({ $ref: '#/components/headers/ETag' });
        }
        if (['put', 'patch', 'delete'].includes(method) && !creates.includes(name)) {
          writes++;
          expect(op.parameters, name).to.deep.include({ $ref: '#/components/parameters/IfMatch' });
          expect(op.responses['412'], name).to.not.equal(undefined);
          if (method !== 'delete') expect(success.headers?.ETag, name).to.deep.equal({ $ref: '#/components/headers/ETag' });
        }
      }
    }
    expect(singleGets).to.be.greaterThan(8);
    expect(writes).to.be.greaterThan(10);
  });

  it('carries the seed 000 and seed 003 examples on their PUT operations', () => {
    const jfwPut = doc.paths['/api/v1/app-integrations/authentication/{id}']!.put as any;
    expect(jfwPut.requestBody.content['application/json'].examples.seed000.value).to.deep.equal(SEED_000_PUT_REQUEST);
    expect(jfwPut.responses['200'].content['application/json'].examples.seed000.value).to.deep.equal(SEED_000_PUT_RESPONSE);
    const portalPut = doc.paths['/portal-api/apps/{app_id}']!.put as any;
    expect(portalPut.requestBody.content['application/json'].examples.seed003.value).to.deep.equal(SEED_003_PUT_REQUEST);
    expect(portalPut.responses['200'].content['application/json'].examples.seed003.value).to.deep.equal(SEED_003_PUT_RESPONSE);
  });

  it('the seed request examples pass the DTOs they document', () => {
    expect(() => validateBody(IntegrationAuthenticationBody, SEED_000_PUT_REQUEST)).not.to.throw();
    expect(() => validateBody(PortalAppUpdateBody, SEED_003_PUT_REQUEST)).not.to.throw();
  });

  it('the examples are the reference pages\' examples (test/fixtures/seeds), verbatim', () => {
    expect(SEED_000_PUT_REQUEST).to.deep.equal(seedFixture('jfw-put-authentication.request.json'));
    expect(SEED_000_PUT_RESPONSE).to.deep.equal(seedFixture('jfw-put-authentication.response.json'));
    expect(SEED_003_PUT_REQUEST).to.deep.equal(seedFixture('portal-put-app.request.json'));
    expect(SEED_003_PUT_RESPONSE).to.deep.equal(seedFixture('portal-put-app.response.json'));
  });
});

describe('GET /docs', () => {
  it('serves the Swagger UI page and its files from the service itself, without authentication', async () => {
    const { server } = createTestApp();
    const page = await request(server).get('/docs').expect(200);
    expect(page.headers['content-type']).to.match(/^text\/html/);
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).to.be.greaterThan(3);
    for (const source of sources) {
      expect(source, 'no CDN').to.match(/^\/docs\/assets\//);
      await request(server).get(source).expect(200);
    }
    const init = await request(server).get('/docs/assets/docs-init.js').expect(200);
    expect(init.text).to.include("url: '/openapi.json'");
  });

  it('is where GET / sends a browser (302)', async () => {
    const { server } = createTestApp();
    const res = await request(server).get('/').expect(302);
    expect(res.headers.location).to.equal('/docs');
  });

  it('answers 404 for a file that is not one of the page, as any unknown path: JSON, not Koa\'s text/plain "Not Found"', async () => {
    const { server } = createTestApp();
    const unknown = await request(server).get('/no-such-path').expect(404);
    for (const path of ['/docs/assets/package.json', '/docs/assets/..%2F..%2Fpackage.json', '/docs/assets/nothing.js']) {
      const res = await request(server).get(path).expect(404);
      expect(res.headers['content-type'], path).to.equal(unknown.headers['content-type']).and.match(/^application\/json/);
      expect({ ...res.body, correlationId: 'each its own' }, path).to.deep.equal({ ...unknown.body, correlationId: 'each its own' });
      expect(res.headers['cache-control'], path).to.equal(unknown.headers['cache-control']);
    }
  });
});
