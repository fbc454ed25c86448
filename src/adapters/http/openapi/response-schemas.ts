import { ACTIVITY_STATUSES, APP_INTEGRATION_TYPES } from '../../../domain/app-integration/app-integration';
import { TOKEN_ENDPOINT_AUTH_METHODS } from '../../../domain/api-product/api-product';
import { AUTH_TYPES } from '../../../domain/api-product/auth-type';
import { USER_ROLES } from '../../../domain/portal-user/user-role';
import { VISIBILITIES } from '../../../domain/portal-app/visibility';
import { EVENT_TYPES_BY_SURFACE } from '../../../domain/webhooks/webhook-subscription';
import type { SchemaObject } from './openapi-types';
import { MAX_PAGED_ITEMS } from '../../../application/shared/paged-items';

/*
 * Answer shapes, written from the presenters (jfw/*.presenter.ts,
 * portal/portal.presenter.ts): answers are plain objects, not DTO classes,
 * so there is no validation metadata to generate them from.
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string): SchemaObject => ({ type: 'string', ...(description ? { description } : {}) });
const nullableStr = (description?: string): SchemaObject => ({ type: ['string', 'null'], ...(description ? { description } : {}) });
const int = (description?: string): SchemaObject => ({ type: 'integer', ...(description ? { description } : {}) });
/** A bigint identity on the portal: a JSON integer with every digit, also past 2^53 (docs/portal-surface.md, "Bigint ids"). */
const BIGINT_ID: SchemaObject = { type: 'integer', format: 'int64', minimum: 1, description: 'a bigint, written exactly past 2^53: parse it with a reader that keeps big integers' };
/** A JFramework page's total: what the list can reach (docs/adr/0017-bounded-pages.md). */
const totalItems = (): SchemaObject => ({
  type: 'integer', minimum: 0, maximum: MAX_PAGED_ITEMS,
  description: `Matching items, counted to at most ${MAX_PAGED_ITEMS}: exact below it, ${MAX_PAGED_ITEMS} beyond (the items the list can reach)`,
});
const AUDIT_ACTIONS = ['created', 'updated', 'deleted', 'provisioned', 'approved', 'rejected', 'rotated', 'revoked', 'reencrypted'];
/** A changed field, or a secret that changed (never its value). */
const AUDIT_CHANGES: SchemaObject = {
  type: 'array',
  items: {
    oneOf: [
      { type: 'object', properties: { field: { type: 'string' }, from: {}, to: {} }, required: ['field', 'from', 'to'] },
      { type: 'object', properties: { field: { type: 'string' }, changed: { const: true } }, required: ['field', 'changed'] },
    ],
  } as SchemaObject,
};
const PORTAL_TIME = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$', description: '"YYYY-MM-DD HH:MM", UTC' };

const DELIVERY_STATUS = { type: 'string', enum: ['pending', 'delivered', 'failed'] };
const eventTypes = (surface: keyof typeof EVENT_TYPES_BY_SURFACE) => ({ type: 'array', items: { type: 'string', enum: [...EVENT_TYPES_BY_SURFACE[surface]] } });
const DATE_TIME = { type: 'string', format: 'date-time' };
const NULLABLE_DATE_TIME = { type: ['string', 'null'], format: 'date-time' };

function object(properties: Record<string, unknown>, required: string[] = Object.keys(properties)): SchemaObject {
  return { type: 'object', properties: properties as SchemaObject['properties'], required };
}

export const JFW_RESPONSE_SCHEMAS: Record<string, SchemaObject> = {
  JfwError: object({ code: str('stable error code, e.g. ValidationFailed'), message: str(), field: str('the invalid field (ValidationFailed only)') }, ['code', 'message']),
  JfwEnvelope: {
    ...object({
      success: { type: 'boolean' },
      statusCode: int('the HTTP status, repeated'),
      message: str(),
      data: { description: 'the answer; null on failure' },
      errors: { type: 'array', items: ref('JfwError') },
      correlationId: str('X-Correlation-ID of the request, echoed or generated'),
    }),
    description: 'Every /api/v1 answer, success or failure.',
  },
  JfwErrorEnvelope: {
    allOf: [ref('JfwEnvelope'), object({ success: { const: false }, data: { type: 'null' }, errors: { type: 'array', items: ref('JfwError'), minItems: 1 } })],
  },
  AppIntegration: object({
    type: { type: 'string', enum: [...APP_INTEGRATION_TYPES] },
    name: str(),
    domain: str(),
    description: nullableStr(),
    logoURL: nullableStr(),
    status: { type: 'string', enum: [...ACTIVITY_STATUSES] },
    id: str('18-character base62 id'),
  }),
  IntegrationAuthentication: object({
    appIntegration: ref('AppIntegration'),
    isDefault: { type: 'boolean' },
    status: { type: 'string', enum: [...ACTIVITY_STATUSES] },
    description: nullableStr(),
    tags: nullableStr(),
    iconURL: nullableStr(),
    tokenEndpoint: nullableStr(),
    id: str('18-character base62 id'),
    authEndpoint: nullableStr(),
    redirectURI: str(),
    clientSecret: str(),
    clientId: str(),
    projectId: str(),
    name: str(),
    code: str(),
    scope: str(),
    createdDate: { type: 'string', format: 'date-time' },
    updatedDate: { type: 'string', format: 'date-time' },
  }),
  AppIntegrationPage: object({ items: { type: 'array', items: ref('AppIntegration') }, totalItems: totalItems(), pageNumber: int(), pageSize: int() }),
  IntegrationAuthenticationPage: object({
    items: { type: 'array', items: ref('IntegrationAuthentication') },
    totalItems: totalItems(),
    pageNumber: int(),
    pageSize: int(),
  }),
  DeletedId: object({ id: str() }),
  AuditEntry: object({
    id: str('grows with every entry; newest first'),
    at: { type: 'string', format: 'date-time' },
    actor: object({ kind: { type: 'string', enum: ['brand-key', 'portal-admin', 'cli', 'job'] }, id: nullableStr('key id, admin id, the job\'s task (dcr-sync, ih_deliver_webhook), or null for the command line') }),
    action: { type: 'string', enum: [...AUDIT_ACTIONS] },
    resource: object({ type: str(), id: str() }),
    brandId: nullableStr(),
    changes: AUDIT_CHANGES,
    correlationId: nullableStr(),
  }),
  AuditEntryPage: object({ items: { type: 'array', items: ref('AuditEntry') }, totalItems: totalItems(), pageNumber: int(), pageSize: int() }),
  WebhookSubscription: object({
    id: str('18-character base62 id'),
    url: str(),
    eventTypes: eventTypes('jfw'),
    description: nullableStr(),
    enabled: { type: 'boolean', description: 'false after the receiver answered 410 Gone, or after PATCH enabled: false' },
    disabledDate: NULLABLE_DATE_TIME,
    createdDate: DATE_TIME,
    updatedDate: DATE_TIME,
  }),
  WebhookSubscriptionCreated: {
    allOf: [ref('WebhookSubscription'), object({ secret: str('whsec_…: verifies the webhook-signature header; answered only here') })],
  },
  WebhookDelivery: object({
    id: str(),
    eventId: str('the webhook-id header of every attempt'),
    eventType: str(),
    status: DELIVERY_STATUS,
    createdDate: DATE_TIME,
    nextAttemptDate: NULLABLE_DATE_TIME,
    attempts: {
      type: 'array',
      items: object({ attempt: int(), at: DATE_TIME, statusCode: { type: ['integer', 'null'] }, error: nullableStr('why there was no 2xx'), durationMs: int() }),
    },
  }),
  WebhookSubscriptionPage: object({ items: { type: 'array', items: ref('WebhookSubscription') }, totalItems: totalItems(), pageNumber: int(), pageSize: int() }),
  WebhookDeliveryPage: object({ items: { type: 'array', items: ref('WebhookDelivery') }, totalItems: totalItems(), pageNumber: int(), pageSize: int() }),
};

export const PORTAL_RESPONSE_SCHEMAS: Record<string, SchemaObject> = {
  PortalWebhook: object({
    ID: int(),
    URL: str(),
    EventTypes: eventTypes('portal'),
    Description: nullableStr(),
    Enabled: { type: 'boolean', description: 'false after the receiver answered 410 Gone, or after Enabled: false' },
    DisabledAt: { ...PORTAL_TIME, type: ['string', 'null'] },
    CreatedAt: PORTAL_TIME,
    UpdatedAt: PORTAL_TIME,
  }),
  PortalWebhookCreated: {
    allOf: [ref('PortalWebhook'), object({ Secret: str('whsec_…: verifies the webhook-signature header; answered only here') })],
  },
  PortalWebhookDelivery: object({
    ID: BIGINT_ID,
    EventID: str('the webhook-id header of every attempt'),
    EventType: str(),
    Status: DELIVERY_STATUS,
    CreatedAt: DATE_TIME,
    NextAttemptAt: NULLABLE_DATE_TIME,
    Attempts: {
      type: 'array',
      items: object({ Attempt: int(), At: DATE_TIME, StatusCode: { type: ['integer', 'null'] }, Error: nullableStr('why there was no 2xx'), DurationMS: int() }),
    },
  }),
  StatusOk: object({ status: { const: 'ok' } }),
  StatusWithMessage: object({ status: { const: 'ok' }, message: str() }),
  StatusWithErrors: object({ status: { const: 'error' }, errors: { type: 'array', items: str() } }),
  StatusWithErrorMessage: object({ status: { const: 'error' }, message: str() }),
  Errors: object({ errors: { type: 'array', items: str() } }),
  PortalUser: object({
    ID: int(),
    Email: str(),
    First: str(),
    Last: str(),
    Role: { type: 'string', enum: [...USER_ROLES] },
    OrganisationID: { type: ['integer', 'null'] },
    Active: { type: 'boolean' },
  }),
  ApiProduct: object({
    ID: int(), Name: str(), AuthType: { type: 'string', enum: [...AUTH_TYPES] }, Scopes: str(),
    DCREnabled: { type: 'boolean', description: 'credentials are registered at the identity provider (RFC 7591)' },
    IdentityProviderID: { type: ['integer', 'null'] },
    GrantTypes: { type: 'array', items: str() }, ResponseTypes: { type: 'array', items: str() },
    TokenEndpointAuthMethod: { type: 'string', enum: [...TOKEN_ENDPOINT_AUTH_METHODS] },
  }),
  IdentityProvider: object({
    ID: int(), Name: str(), Issuer: str('the OpenID issuer'),
    RegistrationEndpoint: str('read from the issuer\'s discovery document (RFC 7591)'), CreatedAt: PORTAL_TIME,
  }),
  Credential: object({
    ID: int(),
    AccessRequest: str('"AccessRequest#<id>"'),
    Credential: nullableStr(),
    CredentialHash: nullableStr(),
    DCRRegistrationAccessToken: nullableStr(),
    DCRRegistrationClientURI: nullableStr(),
    DCRResponse: nullableStr('the identity provider\'s JSON answer, as text'),
    DCRSyncStatus: { type: ['string', 'null'], enum: ['pending', 'synced', 'failed', null], description: 'DCR credentials only: where the registration at the provider stands' },
    DCRSyncError: nullableStr('the last provider error; null once synced'),
    Expires: { ...PORTAL_TIME, type: ['string', 'null'] },
    OAuthClientID: nullableStr(),
    OAuthClientSecret: nullableStr(),
    RedirectURI: nullableStr(),
    ResponseType: nullableStr(),
    Scope: nullableStr(),
    TokenEndpoints: nullableStr(),
  }),
  AccessRequest: object({
    Catalogue: str(),
    Client: str(),
    CreatedAt: PORTAL_TIME,
    UpdatedAt: PORTAL_TIME,
    DeletedAt: { ...PORTAL_TIME, type: ['string', 'null'] },
    Plan: str(),
    User: str('"User#<id>"'),
    AuthType: { type: 'string', enum: [...AUTH_TYPES] },
    DCREnabled: { type: 'boolean' },
    ID: int(),
    ProvisionImmediately: { type: 'boolean' },
    Status: str('pending | approved | rejected'),
    Products: { type: 'array', items: str() },
    Credentials: { type: 'array', items: ref('Credential') },
  }),
  PortalAuditEntry: object({
    ID: BIGINT_ID,
    At: PORTAL_TIME,
    Actor: object({ Kind: { type: 'string', enum: ['brand-key', 'portal-admin', 'cli', 'job'] }, ID: nullableStr() }),
    Action: { type: 'string', enum: [...AUDIT_ACTIONS] },
    Resource: object({ Type: str(), ID: str() }),
    Changes: AUDIT_CHANGES,
    CorrelationID: nullableStr(),
  }),
  PortalApp: object({
    Name: str(),
    Description: str(),
    RedirectURLs: str('comma-separated absolute URLs'),
    UserID: int(),
    Visibility: { type: 'string', enum: [...VISIBILITIES] },
    ID: int(),
    CreatedAt: PORTAL_TIME,
    AccessRequests: {
      type: 'array',
      maxItems: 1,
      items: { type: 'array', items: ref('AccessRequest') },
      description: '[] without access requests, else one inner array of all of them, oldest first',
    },
  }),
};
