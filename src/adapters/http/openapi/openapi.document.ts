import { JFW_PREFIX } from '../jfw/jfw.router';
import { PORTAL_PREFIX } from '../portal/portal-prefix';
import { dtoSchemas } from './dto-schemas';
import type { OpenApiDocument, SchemaObject } from './openapi-types';
import { JFW_RESPONSE_SCHEMAS, PORTAL_RESPONSE_SCHEMAS } from './response-schemas';
import { SEED_000_PUT_REQUEST, SEED_000_PUT_RESPONSE, SEED_003_PUT_REQUEST, SEED_003_PUT_RESPONSE } from './seed-examples';

/*
 * OpenAPI 3.1 of both surfaces and the operational endpoints. Request bodies
 * and validated query strings come from the class-validator DTOs the routers
 * validate with (dto-schemas.ts); a test checks that every route of the
 * routers is here and nothing else is.
 */

const JFW = 'JFramework';
const PORTAL = 'Portal';
const OPERATIONS = 'Operations';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown, examples?: Record<string, unknown>) => ({ 'application/json': { schema, ...(examples ? { examples } : {}) } });

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
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
      'a control character in a text field or query parameter, or a `__proto__`, `constructor` or `prototype` key.',
  ],
  401: ['Unauthorized', 'Missing or wrong Auth-Key, unknown brand, or a key of another brand.'],
  404: ['AppIntegrationAuthenticationNotFound', 'Unknown id, or an id of another brand (AppIntegrationNotFound for a catalog id).'],
  409: ['AppIntegrationConflictSetting', 'The code is taken in this brand, or the default configuration has no authEndpoint.'],
  412: ['PreconditionFailed', 'If-Match does not match the current ETag; nothing changed.'],
  413: ['PayloadTooLarge', 'The body is over 1 MiB.'],
  415: ['UnsupportedMediaType', 'The body is not JSON.'],
  429: ['TooManyRequests', 'Over RATE_LIMIT_PER_MINUTE requests with this key, or over AUTH_FAILURES_PER_MINUTE failed authentications from this address; retry after Retry-After seconds.'],
  500: ['InternalError', 'Unexpected failure; never with details.'],
  503: ['ServiceUnavailable', 'The database is unreachable or did not answer within DB_TIMEOUT_MS.'],
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

interface JfwOperation {
  readonly method: Method;
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly status: number;
  readonly data: unknown;
  readonly body?: string;
  readonly bodyTypes?: readonly string[];
  readonly query?: string;
  readonly conditional?: boolean;
  /** A single resource that answers an ETag without being writable here. */
  readonly etag?: boolean;
  readonly errors: readonly number[];
  readonly requestExamples?: Record<string, unknown>;
  readonly responseExamples?: Record<string, unknown>;
}

const AUTH_ID = { type: 'string', pattern: '^[0-9A-Za-z]{18}$' };

const JFW_OPERATIONS: readonly JfwOperation[] = [
  {
    method: 'get', path: '/app-integrations', operationId: 'listAppIntegrations', summary: 'List the shared app integration catalog',
    status: 200, data: ref('AppIntegrationPage'), query: 'AppIntegrationListQuery', errors: [400, 401, 500, 503],
  },
  {
    method: 'get', path: '/app-integrations/{id}', operationId: 'getAppIntegration', summary: 'Get a catalog entry',
    status: 200, data: ref('AppIntegration'), etag: true, errors: [400, 401, 404, 500, 503],
  },
  {
    method: 'post', path: '/app-integrations/authentication', operationId: 'createIntegrationAuthentication',
    summary: 'Create an app integration authentication', status: 201, data: ref('IntegrationAuthentication'),
    body: 'IntegrationAuthenticationBody', errors: [400, 401, 404, 409, 413, 415, 500, 503],
    requestExamples: { seed000: { summary: 'Google OAuth2 (seed 000)', value: SEED_000_PUT_REQUEST } },
  },
  {
    method: 'get', path: '/app-integrations/authentication', operationId: 'listIntegrationAuthentications',
    summary: "List the brand's app integration authentications", status: 200, data: ref('IntegrationAuthenticationPage'),
    query: 'IntegrationAuthenticationListQuery', errors: [400, 401, 500, 503],
  },
  {
    method: 'get', path: '/app-integrations/authentication/{id}', operationId: 'getIntegrationAuthentication',
    summary: 'Get an app integration authentication', status: 200, data: ref('IntegrationAuthentication'), etag: true, errors: [400, 401, 404, 500, 503],
  },
  {
    method: 'put', path: '/app-integrations/authentication/{id}', operationId: 'updateIntegrationAuthentication',
    summary: 'Updates an app integration authentication (replaces it; seed 000)', status: 200, data: ref('IntegrationAuthentication'),
    body: 'IntegrationAuthenticationBody', conditional: true, errors: [400, 401, 404, 409, 412, 413, 415, 500, 503],
    requestExamples: { seed000: { summary: 'Seed 000 request', value: SEED_000_PUT_REQUEST } },
    responseExamples: {
      seed000: { summary: 'Seed 000 answer, as the seed shows it (the service adds correlationId, createdDate, updatedDate)', value: SEED_000_PUT_RESPONSE },
    },
  },
  {
    method: 'patch', path: '/app-integrations/authentication/{id}', operationId: 'patchIntegrationAuthentication',
    summary: 'Change some fields (JSON Merge Patch, RFC 7396)', status: 200, data: ref('IntegrationAuthentication'),
    body: 'IntegrationAuthenticationPatchBody', bodyTypes: ['application/merge-patch+json', 'application/json'], conditional: true,
    errors: [400, 401, 404, 409, 412, 413, 415, 500, 503],
    requestExamples: { rename: { value: { name: 'Renamed', description: null } } },
  },
  {
    method: 'delete', path: '/app-integrations/authentication/{id}', operationId: 'deleteIntegrationAuthentication',
    summary: 'Delete an app integration authentication', status: 200, data: ref('DeletedId'), conditional: true,
    errors: [400, 401, 404, 412, 500, 503],
  },
  {
    method: 'post', path: '/app-integrations/{appIntegrationId}/authentication/test', operationId: 'testAuthorizationUrl',
    summary: "Authorization URL of the brand's default configuration of an integration", status: 200,
    data: { type: 'string', format: 'uri' }, body: 'AuthorizationUrlTestBody', errors: [400, 401, 404, 409, 413, 415, 500, 503],
  },
];

function jfwOperation(op: JfwOperation, schemas: Record<string, SchemaObject>): Operation {
  const parameters: unknown[] = placeholders(op.path).map((name) =>
    pathParameter(name, AUTH_ID, name === 'appIntegrationId' ? 'The catalog id of the app integration.' : 'The 18-character id.'),
  );
  if (op.query) {
    const query = schemas[op.query]!;
    for (const [name, schema] of Object.entries(query.properties ?? {})) parameters.push({ name, in: 'query', required: false, schema });
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
  for (const status of [...op.errors, 429].sort()) responses[status] = { $ref: `#/components/responses/Jfw${status}` };
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

interface PortalOperation {
  readonly method: Method;
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly status?: number;
  readonly answer: unknown;
  readonly body?: string;
  readonly paged?: boolean;
  /** Honours If-Match; a write that is not a DELETE answers the new ETag. */
  readonly conditional?: boolean;
  /** Answers the ETag of the resource (single-resource GETs and writes that answer a status message). */
  readonly etag?: boolean;
  /** Shape of 422, when the route can answer it. */
  readonly unprocessable?: 'Errors' | 'StatusWithErrors' | 'StatusWithErrorMessage';
  readonly requestExamples?: Record<string, unknown>;
  readonly responseExamples?: Record<string, unknown>;
}

const list = (name: string) => ({ type: 'array', items: ref(name) });

const PORTAL_OPERATIONS: readonly PortalOperation[] = [
  { method: 'get', path: '/users', operationId: 'listUsers', summary: 'List users', answer: list('PortalUser'), paged: true },
  { method: 'post', path: '/users', operationId: 'createUser', summary: 'Create a user', status: 201, answer: ref('PortalUser'), body: 'PortalUserCreateBody', unprocessable: 'Errors' },
  { method: 'get', path: '/users/{user_id}', operationId: 'getUser', summary: 'Get a user', answer: ref('PortalUser'), etag: true },
  {
    method: 'put', path: '/users/{user_id}', operationId: 'updateUser', summary: 'Update a user (partial)', answer: ref('PortalUser'),
    body: 'PortalUserUpdateBody', conditional: true, unprocessable: 'Errors',
  },
  {
    method: 'delete', path: '/users/{user_id}', operationId: 'deleteUser', summary: 'Delete a user who owns no apps', answer: ref('StatusOk'),
    conditional: true, unprocessable: 'Errors',
  },
  { method: 'get', path: '/products', operationId: 'listProducts', summary: 'List API products', answer: list('ApiProduct'), paged: true },
  { method: 'post', path: '/products', operationId: 'createProduct', summary: 'Create an API product', status: 201, answer: ref('ApiProduct'), body: 'ApiProductCreateBody', unprocessable: 'Errors' },
  { method: 'get', path: '/products/{product_id}', operationId: 'getProduct', summary: 'Get an API product', answer: ref('ApiProduct'), etag: true },
  { method: 'get', path: '/apps', operationId: 'listApps', summary: 'List applications', answer: list('PortalApp'), paged: true },
  { method: 'post', path: '/apps', operationId: 'createApp', summary: 'Create an application', status: 201, answer: ref('PortalApp'), body: 'PortalAppCreateBody', unprocessable: 'Errors' },
  { method: 'get', path: '/apps/{app_id}', operationId: 'getApp', summary: 'Get an application', answer: ref('PortalApp'), etag: true },
  {
    method: 'put', path: '/apps/{app_id}', operationId: 'updateApp', summary: 'Update an application (partial; seed 003)', answer: ref('PortalApp'),
    body: 'PortalAppUpdateBody', conditional: true, unprocessable: 'Errors',
    requestExamples: { seed003: { summary: 'Seed 003 request', value: SEED_003_PUT_REQUEST } },
    responseExamples: { seed003: { summary: 'Seed 003 answer, as the seed shows it', value: SEED_003_PUT_RESPONSE } },
  },
  { method: 'delete', path: '/apps/{app_id}', operationId: 'deleteApp', summary: 'Delete an application', answer: ref('StatusOk'), conditional: true },
  {
    method: 'put', path: '/apps/{app_id}/provision', operationId: 'provisionApp', summary: 'Request access to API products for an application',
    answer: ref('StatusWithMessage'), body: 'ProvisionBody', unprocessable: 'StatusWithErrors', etag: true,
  },
  {
    method: 'get', path: '/apps/{app_id}/access-requests', operationId: 'listAppAccessRequests', summary: "List an application's access requests",
    answer: list('AccessRequest'), paged: true,
  },
  {
    method: 'get', path: '/apps/{app_id}/access-requests/{access_request_id}', operationId: 'getAppAccessRequest',
    summary: 'Get an access request of an application', answer: ref('AccessRequest'), etag: true,
  },
  {
    method: 'get', path: '/apps/{app_id}/access-requests/{access_request_id}/credentials', operationId: 'listAccessRequestCredentials',
    summary: 'List the credentials of an access request', answer: list('Credential'), paged: true,
  },
  {
    method: 'put', path: '/apps/{app_id}/access-requests/{access_request_id}/credentials/{credential_id}/rotate', operationId: 'rotateCredential',
    summary: "Replace the secret of a credential (If-Match and ETag: the access request's)", answer: ref('StatusWithMessage'),
    unprocessable: 'StatusWithErrors', conditional: true,
  },
  { method: 'get', path: '/access_requests', operationId: 'listAccessRequests', summary: 'List access requests', answer: list('AccessRequest'), paged: true },
  {
    method: 'get', path: '/access_requests/{access_request_id}', operationId: 'getAccessRequest', summary: 'Get an access request',
    answer: ref('AccessRequest'), etag: true,
  },
  {
    method: 'delete', path: '/access_requests/{access_request_id}', operationId: 'deleteAccessRequest',
    summary: 'Delete an access request and revoke its credentials', answer: ref('StatusOk'), conditional: true,
  },
  {
    method: 'put', path: '/access_requests/{access_request_id}/approve', operationId: 'approveAccessRequest',
    summary: 'Approve a pending access request (issues a credential)', answer: ref('StatusWithMessage'), unprocessable: 'StatusWithErrorMessage',
    conditional: true,
  },
  {
    method: 'put', path: '/access_requests/{access_request_id}/reject', operationId: 'rejectAccessRequest',
    summary: 'Reject a pending access request', answer: ref('StatusWithMessage'), unprocessable: 'StatusWithErrorMessage', conditional: true,
  },
];

const PORTAL_ID = { type: 'integer', minimum: 1, maximum: 2_147_483_647 };
const statusWithErrors = (description: string) => ({ description, content: json(ref('StatusWithErrors')) });

function portalOperation(op: PortalOperation): Operation {
  const parameters: unknown[] = placeholders(op.path).map((name) => pathParameter(name, PORTAL_ID, `ID of the ${name.replace(/_id$/, '').replace(/[-_]/g, ' ')}`));
  if (op.paged) {
    parameters.push(
      { name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1, default: 1 } },
      { name: 'per_page', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 } },
    );
  }
  if (op.conditional) parameters.push({ $ref: '#/components/parameters/IfMatch' });
  const status = op.status ?? 200;
  const headers: Record<string, unknown> = {};
  if (op.paged) headers['X-Total-Count'] = { description: 'Number of items on all pages', schema: { type: 'integer' } };
  if ((op.conditional && op.method !== 'delete') || op.etag || status === 201) headers.ETag = { $ref: '#/components/headers/ETag' };
  const responses: Record<string, unknown> = {
    [status]: { description: status === 201 ? 'Created' : 'OK', ...(Object.keys(headers).length ? { headers } : {}), content: json(op.answer, op.responseExamples) },
    401: { $ref: '#/components/responses/PortalUnauthorized' },
    429: { $ref: '#/components/responses/PortalTooManyRequests' },
  };
  const byId = placeholders(op.path).length > 0;
  if (op.method === 'get' || op.method === 'delete') responses[404] = { $ref: '#/components/responses/PortalNotFound' };
  if (op.unprocessable || (byId && op.method === 'put') || op.body || op.paged) {
    const shape = op.unprocessable ?? 'Errors';
    const what = op.paged
      ? 'A page or per_page that is not an integer in range, or a query parameter with a control character'
      : byId && op.method === 'put'
        ? 'Invalid body, or an id that names nothing'
        : 'Invalid body or rule broken';
    responses[422] = {
      description: `${what}. Bodies: nested deeper than 32 levels, more than 256 keys in an object or 1,000 items in an array, a control character in a text field, or a __proto__/constructor/prototype key.`,
      content: json(ref(shape)),
    };
  }
  if (op.conditional) responses[412] = statusWithErrors('If-Match does not match the current ETag; nothing changed');
  if (op.body) {
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
  return {
    '/': {
      get: open('root', 'Redirects to /docs', {
        302: { description: 'Found: the documentation page', headers: { Location: { description: '/docs', schema: { type: 'string' } } } },
      }),
    },
    '/healthz': { get: open('healthz', 'The process is up', { 200: { description: 'Up', content: status('ok') } }) },
    '/readyz': {
      get: open('readyz', 'The database answers and every migration is applied; answers within 2 s, 503 when the database does not; an answer is reused for 1 s', {
        200: { description: 'Ready', content: status('ready') },
        503: { description: 'Not ready', content: status('unavailable') },
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
  for (const op of JFW_OPERATIONS) addOperation(paths, `${JFW_PREFIX}${op.path}`, op.method, jfwOperation(op, requestSchemas));
  for (const op of PORTAL_OPERATIONS) addOperation(paths, `${PORTAL_PREFIX}${op.path}`, op.method, portalOperation(op));
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
        PortalUnavailable: statusWithErrors('The database is unreachable or did not answer within DB_TIMEOUT_MS'),
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
