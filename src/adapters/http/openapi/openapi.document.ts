import { JFW_PREFIX, JFW_ROUTES } from '../jfw/jfw.routes';
import { PORTAL_PREFIX } from '../portal/portal-prefix';
import { PORTAL_ROUTES } from '../portal/portal.routes';
import { Method, openApiPath, RouteEntry } from '../shared/route-table';
import { dtoSchemas } from './dto-schemas';
import type { OpenApiDocument, SchemaObject } from './openapi-types';
import { JFW_RESPONSE_SCHEMAS, PORTAL_RESPONSE_SCHEMAS } from './response-schemas';
import { JfwRouteDoc, PortalRouteDoc, ref } from './route-docs';
import { INT4_MAX } from '../../../domain/shared/limits';
import { PAGE_NUMBER_RULE } from '../../../application/shared/jfw-paging';
import { MAX_PAGED_ITEMS } from '../../../application/shared/paged-items';
import { MAX_PAGE, PAGE_RULE } from '../../../application/shared/portal-paging';

/*
 * OpenAPI 3.1 of both surfaces and the operational endpoints. Request bodies
 * and validated query strings come from the class-validator DTOs the routers
 * validate with (dto-schemas.ts); the operations of both surfaces come from
 * their route tables (jfw.routes.ts, portal.routes.ts), the routers' own list.
 */

const JFW = 'JFramework';
const PORTAL = 'Portal';
const OPERATIONS = 'Operations';

const json = (schema: unknown, examples?: Record<string, unknown>) => ({ 'application/json': { schema, ...(examples ? { examples } : {}) } });

type Operation = Record<string, unknown>;

function pathParameter(name: string, schema: SchemaObject, description: string) {
  return { name, in: 'path', required: true, schema, description };
}

/** `{name}` placeholders of an OpenAPI path. */
function placeholders(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

/* ---------------------------------------------------------------- JFramework */

const JFW_ERRORS: Record<number, [string, string]> = {
  400: [
    'ValidationFailed',
    'Invalid body, query or path, or no (or a longer than 2,048 characters) Brand-URL header; one error per invalid field. ' +
      'Also a body nested deeper than 32 levels, with more than 256 keys in an object or 1,000 items in an array (field "body"), ' +
      'a control character in a text field or query parameter, or a `__proto__`, `constructor` or `prototype` key. ' +
      'A write that takes no body (retry, DELETE) refuses any body but none or `{}`: each field as not known, anything else on field "body".',
  ],
  401: ['Unauthorized', 'Missing or wrong Auth-Key, unknown brand, or a key of another brand.'],
  404: ['AppIntegrationAuthenticationNotFound', 'Unknown id, or an id of another brand (AppIntegrationNotFound for a catalog id).'],
  409: ['AppIntegrationConflictSetting', 'The code is taken in this brand, or the default configuration has no authEndpoint.'],
  412: ['PreconditionFailed', 'If-Match does not match the current ETag; nothing changed.'],
  413: ['PayloadTooLarge', 'The body is over 1 MiB.'],
  415: ['UnsupportedMediaType', 'The body is not JSON.'],
  429: ['TooManyRequests', 'Over RATE_LIMIT_PER_MINUTE requests with this key, or over AUTH_FAILURES_PER_MINUTE failed authentications from this address; retry after Retry-After seconds.'],
  500: ['InternalError', 'Unexpected failure; never with details.'],
  503: ['ServiceUnavailable', 'The database is unreachable or did not answer within DB_TIMEOUT_MS, or refuses to queue a job the write needs (the service role lacks its job queue grants; that write changes nothing).'],
};

function jfwErrorResponses(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(JFW_ERRORS).map(([status, [code, description]]) => [
      `Jfw${status}`,
      {
        description: `${code}: ${description}`,
        ...(status === '429' ? { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } : {}),
        content: json(ref('JfwErrorEnvelope'), {
          [code]: {
            value: {
              success: false,
              statusCode: Number(status),
              message: 'See errors.',
              data: null,
              errors: [{ code, message: description, ...(status === '400' ? { field: 'redirectURI' } : {}) }],
              correlationId: '4f1c2a7e-7d1b-4c55-9a51-0d3b6c1d2e9f',
            },
          },
        }),
      },
    ]),
  );
}

const jfwEnvelopeOf = (data: unknown) => ({ allOf: [ref('JfwEnvelope'), { type: 'object', properties: { data } }] });

const AUTH_ID = { type: 'string', pattern: '^[0-9A-Za-z]{18}$' };
/** A webhook delivery's id on either surface: a bigserial, positive and at most 19 digits (PostgreSQL's bigint). */
const DELIVERY_ID_TEXT = { type: 'string', pattern: '^[1-9][0-9]{0,18}$' };

function jfwOperation(entry: RouteEntry<JfwRouteDoc>, schemas: Record<string, SchemaObject>): Operation {
  const op = { ...entry.doc, method: entry.method, path: openApiPath(entry.path) };
  const parameters: unknown[] = placeholders(op.path).map((name) =>
    name === 'deliveryId'
      ? pathParameter(name, DELIVERY_ID_TEXT, 'The delivery\'s id (a positive bigint, in decimal).')
      : pathParameter(name, AUTH_ID, name === 'appIntegrationId' ? 'The catalog id of the app integration.' : 'The 18-character id.'),
  );
  if (op.query) {
    const query = schemas[op.query]!;
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      // The reach depends on pageSize too, which a parameter's own schema cannot say.
      parameters.push({ name, in: 'query', required: false, ...(name === 'pageNumber' ? { description: `From 0; ${PAGE_NUMBER_RULE}` } : {}), schema });
    }
  }
  if (op.conditional) parameters.push({ $ref: '#/components/parameters/IfMatch' });
  parameters.push({ $ref: '#/components/parameters/CorrelationId' });
  const responses: Record<string, unknown> = {
    [op.status]: {
      description: op.status === 201 ? 'Created.' : 'The request was successful.',
      headers: {
        'X-Correlation-ID': { $ref: '#/components/headers/CorrelationId' },
        ...((op.conditional && op.method !== 'delete') || op.etag || op.status === 201 ? { ETag: { $ref: '#/components/headers/ETag' } } : {}),
      },
      content: json(jfwEnvelopeOf(op.data), op.responseExamples),
    },
  };
  // Every route authenticates, so every route can answer 429.
  // A write without a body of its own still reads one (and refuses all but none or {}): 400, 413, 415 like any write.
  const bodyErrors = op.method === 'get' ? [] : [400, 413, 415].filter((status) => !op.errors.includes(status));
  for (const status of [...op.errors, ...bodyErrors, 429].sort()) responses[status] = { $ref: `#/components/responses/Jfw${status}` };
  return {
    tags: [JFW],
    operationId: op.operationId,
    summary: op.summary,
    security: [{ BrandUrl: [], AuthKey: [] }],
    parameters,
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              (op.bodyTypes ?? ['application/json']).map((type) => [type, { schema: ref(op.body!), ...(op.requestExamples ? { examples: op.requestExamples } : {}) }]),
            ),
          },
        }
      : {}),
    responses,
  };
}

/* -------------------------------------------------------------------- Portal */

const PORTAL_ID = { type: 'integer', minimum: 1, maximum: INT4_MAX };
/** Deliveries are counted in a bigint: past int4, up to PostgreSQL's bigint (int64). */
const PORTAL_DELIVERY_ID = { type: 'integer', format: 'int64', minimum: 1 };
const statusWithErrors = (description: string) => ({ description, content: json(ref('StatusWithErrors')) });

function portalOperation(entry: RouteEntry<PortalRouteDoc>): Operation {
  const op = { ...entry.doc, method: entry.method, path: openApiPath(entry.path) };
  const parameters: unknown[] = placeholders(op.path).map((name) =>
    pathParameter(name, name === 'delivery_id' ? PORTAL_DELIVERY_ID : PORTAL_ID, `ID of the ${name.replace(/_id$/, '').replace(/[-_]/g, ' ')}`));
  if (op.paged) {
    parameters.push(
      { name: 'page', in: 'query', required: false, description: `From 1; ${PAGE_RULE}`, schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 } },
      { name: 'per_page', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 } },
    );
  }
  for (const [name, filter] of Object.entries(op.filters ?? {})) {
    parameters.push({ name, in: 'query', required: false, description: filter.description, schema: { type: 'string', maxLength: filter.maxLength } });
  }
  if (op.conditional) parameters.push({ $ref: '#/components/parameters/IfMatch' });
  const status = op.status ?? 200;
  const headers: Record<string, unknown> = {};
  if (op.paged) headers['X-Total-Count'] = {
    description: `Number of items on all pages, counted to at most ${MAX_PAGED_ITEMS} (the items the list can reach)`, schema: { type: 'integer', maximum: MAX_PAGED_ITEMS },
  };
  if ((op.conditional && op.method !== 'delete') || op.etag || status === 201) headers.ETag = { $ref: '#/components/headers/ETag' };
  const responses: Record<string, unknown> = {
    [status]: { description: status === 201 ? 'Created' : 'OK', ...(Object.keys(headers).length ? { headers } : {}), content: json(op.answer, op.responseExamples) },
    401: { $ref: '#/components/responses/PortalUnauthorized' },
    429: { $ref: '#/components/responses/PortalTooManyRequests' },
  };
  const byId = placeholders(op.path).length > 0;
  if (op.method === 'get' || op.method === 'delete' || op.notFound) responses[404] = { $ref: '#/components/responses/PortalNotFound' };
  const write = op.method !== 'get';
  if (op.unprocessable || (byId && op.method === 'put') || op.body || op.paged || write) {
    const shape = op.unprocessable ?? 'Errors';
    const what = op.paged
      ? 'A page or per_page that is not an integer in range, or a query parameter with a control character'
      : byId && op.method === 'put'
        ? 'Invalid body, or an id that names nothing'
        : 'Invalid body or rule broken';
    const bodyRule = op.body
      ? 'Bodies: nested deeper than 32 levels, more than 256 keys in an object or 1,000 items in an array, a control character in a text field, or a __proto__/constructor/prototype key.'
      : 'This route takes no body: anything but none or {} is refused (each field as not a known field), and nothing changes.';
    responses[422] = {
      description: `${what}. ${write ? bodyRule : ''}`.trim(),
      content: json(ref(shape)),
    };
  }
  if (op.conditional) responses[412] = statusWithErrors('If-Match does not match the current ETag; nothing changed');
  if (write) {
    responses[413] = statusWithErrors('Body over 1 MiB');
    responses[415] = statusWithErrors('Body is not JSON');
  }
  responses[500] = { $ref: '#/components/responses/PortalInternalError' };
  responses[503] = { $ref: '#/components/responses/PortalUnavailable' };
  return {
    tags: [PORTAL],
    operationId: op.operationId,
    summary: op.summary,
    security: [{ PortalAdminToken: [] }],
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: json(ref(op.body), op.requestExamples) } }
      : {}),
    responses,
  };
}

/* ---------------------------------------------------------------- Operations */

function operationsPaths(): Record<string, Record<string, Operation>> {
  const open = (operationId: string, summary: string, responses: Record<string, unknown>, parameters?: unknown[]): Operation => ({
    tags: [OPERATIONS], operationId, summary, security: [], ...(parameters ? { parameters } : {}), responses,
  });
  const status = (value: string) => json({ type: 'object', properties: { status: { const: value } }, required: ['status'] });
  const readiness = (value: string) => json({
    type: 'object',
    properties: { status: { const: value }, jobs: { enum: ['running', 'failing', 'restarting', 'stopped'], description: 'The job queue runner (webhook deliveries, DCR sync); absent when the app runs no queue' },
      jobsProblem: { type: 'string', description: 'Why `jobs` is `failing` (the database refuses the queue its rows: the runtime role lacks its grants) or `stopped` for good (a newer build changed the queue schema incompatibly); absent otherwise' } },
    required: ['status'],
  });
  return {
    '/': {
      get: open('root', 'Redirects to /docs', {
        302: { description: 'Found: the documentation page', headers: { Location: { description: '/docs', schema: { type: 'string' } } } },
      }),
    },
    '/healthz': { get: open('healthz', 'The process is up', { 200: { description: 'Up', content: status('ok') } }) },
    '/readyz': {
      get: open('readyz', 'The database answers and every migration is applied; answers within 2 s, 503 when the database does not; an answer is reused for 1 s. `jobs` (the server\'s job queue: `restarting` after it lost the database, until it runs again; `failing` while the database refuses the queue its rows for lack of grants; `stopped` for good once a newer build\'s graphile-worker made a breaking change to the queue\'s schema) does not decide the status', {
        200: { description: 'Ready', content: readiness('ready') },
        503: { description: 'Not ready', content: readiness('unavailable') },
      }),
    },
    '/metrics': {
      get: open('metrics', 'Prometheus metrics, rendered at most once a second', {
        200: { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } },
        401: { description: 'METRICS_TOKEN is set and the request does not carry Authorization: Bearer <METRICS_TOKEN>' },
      }),
    },
    '/openapi.json': { get: open('openapi', 'This document', { 200: { description: 'OpenAPI 3.1', content: json({ type: 'object' }) } }) },
    '/docs': { get: open('docs', 'Interactive documentation of this document', { 200: { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } } }) },
    '/docs/assets/{file}': {
      get: open(
        'docsAsset',
        'Static files of the documentation page (Swagger UI, served from the service)',
        { 200: { description: 'The file' }, 404: { description: 'No such file' } },
        [pathParameter('file', { type: 'string' }, 'File name')],
      ),
    },
  };
}

/* ------------------------------------------------------------------ Document */

function addOperation(paths: Record<string, Record<string, unknown>>, path: string, method: Method, operation: Operation): void {
  (paths[path] ??= {})[method] = operation;
}

export interface OpenApiOptions {
  /** `info.version`: the package's version. */
  readonly version: string;
}

/** Builds the whole document; pure, so it can be built once and served as is. */
export function buildOpenApiDocument(options: OpenApiOptions): OpenApiDocument {
  const requestSchemas = dtoSchemas();
  const paths: Record<string, Record<string, unknown>> = { ...operationsPaths() };
  for (const entry of JFW_ROUTES) addOperation(paths, `${JFW_PREFIX}${openApiPath(entry.path)}`, entry.method, jfwOperation(entry, requestSchemas));
  for (const entry of PORTAL_ROUTES) addOperation(paths, `${PORTAL_PREFIX}${openApiPath(entry.path)}`, entry.method, portalOperation(entry));
  return {
    openapi: '3.1.0',
    info: {
      title: 'integration-hub',
      version: options.version,
      description:
        'OAuth2 and API-access settings: the JFramework app integration authentication surface (`/api/v1`) and the ' +
        'Tyk-style developer portal surface (`/portal-api`). Request schemas are generated from the class-validator DTOs that validate the requests.',
    },
    tags: [
      { name: JFW, description: `JFramework surface (${JFW_PREFIX}): headers Brand-URL + Auth-Key; every answer in the JfwEnvelope` },
      { name: PORTAL, description: `Developer portal surface (${PORTAL_PREFIX}): header Authorization with a portal admin token` },
      { name: OPERATIONS, description: 'Health, readiness, metrics and documentation; no authentication' },
    ],
    paths,
    components: {
      schemas: { ...requestSchemas, ...JFW_RESPONSE_SCHEMAS, ...PORTAL_RESPONSE_SCHEMAS },
      responses: {
        ...jfwErrorResponses(),
        PortalUnauthorized: {
          description: 'Missing or wrong admin token',
          content: json(ref('StatusWithErrors'), { unauthorized: { value: { status: 'error', errors: ['Unauthorized'] } } }),
        },
        PortalNotFound: statusWithErrors('Unknown id (GET and DELETE)'),
        PortalInternalError: statusWithErrors('Unexpected failure; never with details'),
        PortalUnavailable: statusWithErrors('The database is unreachable or did not answer within DB_TIMEOUT_MS, or refuses to queue a job the write needs (the service role lacks its job queue grants; that write changes nothing)'),
        PortalTooManyRequests: {
          ...statusWithErrors('Over RATE_LIMIT_PER_MINUTE requests with this token, or over AUTH_FAILURES_PER_MINUTE failed authentications from this address'),
          headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
        },
      },
      parameters: {
        IfMatch: {
          name: 'If-Match', in: 'header', required: false, schema: { type: 'string' },
          description:
            'ETag of a previous answer, a comma-separated list of them (any one matching will do), or `*`: ' +
            'the write happens only if the resource is unchanged, else 412 (RFC 9110 §13.1.1).',
        },
        CorrelationId: {
          name: 'X-Correlation-ID', in: 'header', required: false, schema: { type: 'string', maxLength: 128 },
          description: 'Echoed in the answer and in the logs; generated when absent.',
        },
      },
      headers: {
        ETag: { description: 'Strong entity tag of the version answered', schema: { type: 'string' } },
        CorrelationId: { description: 'The request correlation id', schema: { type: 'string' } },
        RetryAfter: { description: 'Seconds until the limit resets', schema: { type: 'integer', minimum: 1 } },
      },
      securitySchemes: {
        BrandUrl: { type: 'apiKey', in: 'header', name: 'Brand-URL', description: 'The brand (tenant), e.g. acme.example.com' },
        AuthKey: { type: 'apiKey', in: 'header', name: 'Auth-Key', description: 'A key of that brand, issued by `keys:create`' },
        PortalAdminToken: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'A portal admin token, issued by `portal-admins:create`' },
      },
    },
  };
}
