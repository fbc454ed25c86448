import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, IS_IN, IS_URL, MAX, MIN, ValidationTypes } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { SchemaObject } from './openapi-types';

// class-transformer keeps @Type/@Expose metadata here; its package has no typed entry for it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };
import { AuthorizationUrlTestBody } from '../jfw/dto/authorization-url-test.dto';
import { IntegrationAuthenticationPatchBody } from '../jfw/dto/integration-authentication-patch.dto';
import { IntegrationAuthenticationBody } from '../jfw/dto/integration-authentication.dto';
import { AppIntegrationListQuery, IntegrationAuthenticationListQuery } from '../jfw/dto/list-query.dto';
import { AuditListQuery } from '../jfw/dto/audit-query.dto';
import { PagingQuery } from '../jfw/dto/paging-query.dto';
import { TIME_BOUND_PATTERN } from '../jfw/dto/time-bound';
import { WebhookSubscriptionBody, WebhookSubscriptionPatchBody } from '../jfw/dto/webhook-subscription.dto';
import { PortalWebhookCreateBody, PortalWebhookUpdateBody } from '../portal/dto/portal-webhook.dto';
import {
  ApiProductCreateBody,
  PortalAppCreateBody,
  PortalAppUpdateBody,
  PortalUserCreateBody,
  PortalUserUpdateBody,
  ProvisionBody,
} from '../portal/dto/portal.dto';

type Dto = new () => object;

/** The request bodies the routers validate, documented from the same classes. */
export const BODY_DTOS: readonly Dto[] = [
  IntegrationAuthenticationBody,
  IntegrationAuthenticationPatchBody,
  AuthorizationUrlTestBody,
  PortalUserCreateBody,
  PortalUserUpdateBody,
  ApiProductCreateBody,
  PortalAppCreateBody,
  PortalAppUpdateBody,
  ProvisionBody,
  WebhookSubscriptionBody,
  WebhookSubscriptionPatchBody,
  PortalWebhookCreateBody,
  PortalWebhookUpdateBody,
];

/** The query strings the routers validate with a DTO. */
export const QUERY_DTOS: readonly Dto[] = [AppIntegrationListQuery, IntegrationAuthenticationListQuery, PagingQuery, AuditListQuery];

const URI = { type: 'string', format: 'uri' } as const;

/** The audit list's `from`/`to`: the shape as a pattern; what a pattern cannot say, in words. */
const TIME_BOUND = {
  type: 'string',
  pattern: TIME_BOUND_PATTERN.source,
  description: 'Inclusive bound on the entry time: an RFC 3339 date-time with Z or ±HH:MM (upper-case T and Z, 1 to 9 fraction digits) ' +
    'or a date YYYY-MM-DD, which stands for its whole UTC day (from its first, to its last millisecond). ' +
    'Other ISO 8601 forms (week or ordinal dates, basic format, no offset), dates that do not exist, 24:00 and leap seconds are 400.',
} as const;

/**
 * Where the library's defaults say less than the validators do: @Min/@Max
 * would turn @IsInt's `integer` into `number`, @IsIn of mixed types gives no
 * enum, `url` is no JSON Schema format, and our own @IsRedirectUri and
 * @IsTimeBound are unknown.
 */
const CONVERTERS = {
  [MIN]: (meta: { constraints: unknown[] }) => ({ minimum: meta.constraints[0] as number }),
  [MAX]: (meta: { constraints: unknown[] }) => ({ maximum: meta.constraints[0] as number }),
  [IS_IN]: (meta: { constraints: unknown[] }) => ({ enum: [...(meta.constraints[0] as unknown[])] }),
  [IS_URL]: URI,
  isRedirectUri: URI,
  isTimeBound: TIME_BOUND,
};

/** Properties marked @IsOptional: class-validator lets null through, so the schema must too. */
function nullableProperties(dto: Dto): Set<string> {
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return new Set(
    metas.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION && m.name === 'isOptional').map((m) => m.propertyName),
  );
}

function withNull(schema: SchemaObject): SchemaObject {
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
  if (schema.enum) return { ...schema, enum: [...schema.enum, null] };
  return schema;
}

/**
 * JSON Schemas (OpenAPI 3.1 = JSON Schema 2020-12) of the request DTOs,
 * keyed by class name for `components.schemas`. Bodies are closed
 * (`additionalProperties: false`) because the validator forbids unknown fields.
 */
export function dtoSchemas(): Record<string, SchemaObject> {
  const all = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
    additionalConverters: CONVERTERS,
  }) as Record<string, SchemaObject>;
  const schemas: Record<string, SchemaObject> = {};
  for (const dto of [...BODY_DTOS, ...QUERY_DTOS]) {
    const schema = all[dto.name];
    if (schema === undefined) throw new Error(`no validation metadata for ${dto.name}`);
    const nullable = BODY_DTOS.includes(dto) ? nullableProperties(dto) : new Set<string>();
    const properties = Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([name, property]) => [name, nullable.has(name) ? withNull(property as SchemaObject) : property]),
    );
    schemas[dto.name] = { ...schema, properties, additionalProperties: false };
  }
  return schemas;
}
