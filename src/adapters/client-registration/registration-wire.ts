import { ClientMetadata, RegisteredClient } from '../../application/ports/client-registration';
import {
  IdentityProviderError,
  IdentityProviderNotAllowed,
  IdentityProviderProtocolViolation,
  IdentityProviderRefused,
  IdentityProviderUnreachable,
} from '../../application/ports/identity-provider-errors';
import { OutboundAnswer, OutboundHttp, OutboundRequest } from './outbound-http';

/**
 * System error codes of failures that happen before a request leaves (name
 * not resolved, connection refused or not routed): the provider cannot have
 * acted on it, so even a registration is safe to send again.
 */
const NOT_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EAI_NONAME|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT)\b/;

/** One request to a provider: its answer, or the typed error for having none. */
export async function askProvider(http: OutboundHttp, request: OutboundRequest): Promise<OutboundAnswer> {
  const outcome = await http.send(request);
  switch (outcome.kind) {
    case 'answered':
      return outcome;
    case 'refused':
      throw new IdentityProviderNotAllowed(outcome.reason);
    case 'timed-out':
      throw new IdentityProviderUnreachable('timed out', true);
    case 'failed':
      throw new IdentityProviderUnreachable(outcome.reason.slice(0, 200), !NOT_SENT.test(outcome.reason));
  }
}

/** RFC 7591 §2 client metadata as JSON, leaving out what was not asked for. */
export function metadataToWire(metadata: ClientMetadata): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    redirect_uris: [...metadata.redirectUris],
    grant_types: [...metadata.grantTypes],
    response_types: [...metadata.responseTypes],
    token_endpoint_auth_method: metadata.tokenEndpointAuthMethod,
  };
  if (metadata.scope) wire.scope = metadata.scope;
  if (metadata.clientName) wire.client_name = metadata.clientName;
  if (metadata.softwareId) wire.software_id = metadata.softwareId;
  if (metadata.softwareVersion) wire.software_version = metadata.softwareVersion;
  return wire;
}

/**
 * A client information response (RFC 7591 §3.2.1, RFC 7592 §3). `previous`
 * fills what an RFC 7592 answer may leave out: a provider that does not
 * send a new secret or token keeps the old ones in force.
 */
export function registeredClientFrom(
  answer: OutboundAnswer,
  asked: ClientMetadata,
  previous: { clientSecret: string | null; registrationAccessToken: string; registrationClientUri: string } | null,
): RegisteredClient {
  const json = jsonObjectOf(answer);
  const clientId = json.client_id;
  if (typeof clientId !== 'string' || clientId === '') throw new IdentityProviderProtocolViolation('no client_id in the answer');
  const secret = optionalString(json, 'client_secret') ?? previous?.clientSecret ?? null;
  const expiresAt = typeof json.client_secret_expires_at === 'number' ? json.client_secret_expires_at : null;
  return {
    clientId,
    clientSecret: secret,
    clientSecretExpiresAt: expiresAt,
    registrationAccessToken: optionalString(json, 'registration_access_token') ?? previous?.registrationAccessToken ?? null,
    registrationClientUri: optionalString(json, 'registration_client_uri') ?? previous?.registrationClientUri ?? null,
    metadata: {
      redirectUris: stringArray(json, 'redirect_uris') ?? asked.redirectUris,
      grantTypes: stringArray(json, 'grant_types') ?? asked.grantTypes,
      responseTypes: stringArray(json, 'response_types') ?? asked.responseTypes,
      tokenEndpointAuthMethod: optionalString(json, 'token_endpoint_auth_method') ?? asked.tokenEndpointAuthMethod,
      scope: optionalString(json, 'scope') ?? asked.scope ?? null,
      clientName: optionalString(json, 'client_name') ?? asked.clientName ?? null,
      softwareId: optionalString(json, 'software_id') ?? null,
      softwareVersion: optionalString(json, 'software_version') ?? null,
    },
    response: json,
  };
}

/** The body of a 2xx answer as a JSON object, or a protocol violation. */
export function jsonObjectOf(answer: OutboundAnswer): Record<string, unknown> {
  if (answer.truncated) throw new IdentityProviderProtocolViolation('answer larger than the size limit');
  let parsed: unknown;
  try {
    parsed = JSON.parse(textOf(answer));
  } catch {
    throw new IdentityProviderProtocolViolation(`HTTP ${answer.status} answer is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new IdentityProviderProtocolViolation(`HTTP ${answer.status} answer is not a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/** The typed error for an answer that is not a success. */
export function errorOfAnswer(answer: OutboundAnswer): IdentityProviderError {
  const { status } = answer;
  if (status >= 300 && status < 400) return new IdentityProviderProtocolViolation(`HTTP ${status} redirect (redirects are not followed)`);
  if (status === 408 || status === 429 || status >= 500) return new IdentityProviderUnreachable(`HTTP ${status}`, true);
  if (status >= 400) {
    const body = errorBodyOf(answer);
    return new IdentityProviderRefused(status, body.error ?? bearerErrorOf(answer) ?? `http_${status}`, body.description);
  }
  return new IdentityProviderProtocolViolation(`unexpected HTTP ${status}`);
}

// RFC 6749 §5.2: error codes are printable ASCII without '"' and '\'.
const ERROR_CODE = /^[\x20\x21\x23-\x5B\x5D-\x7E]{1,64}$/;
const DESCRIPTION_LIMIT = 300;

function errorBodyOf(answer: OutboundAnswer): { error: string | null; description: string | null } {
  let json: unknown;
  try {
    json = JSON.parse(textOf(answer));
  } catch {
    return { error: null, description: null };
  }
  if (typeof json !== 'object' || json === null) return { error: null, description: null };
  const { error, error_description: description } = json as Record<string, unknown>;
  return {
    error: typeof error === 'string' && ERROR_CODE.test(error) ? error : null,
    description: typeof description === 'string' ? cleanText(description) : null,
  };
}

/** RFC 6750 §3: `WWW-Authenticate: Bearer error="invalid_token"`, for 401s with no body. */
function bearerErrorOf(answer: OutboundAnswer): string | null {
  const match = /\berror="([^"]{1,64})"/.exec(answer.headers['www-authenticate'] ?? '');
  return match && ERROR_CODE.test(match[1]) ? match[1] : null;
}

/**
 * Provider text ends up in DCRSyncError, API answers and the audit trail:
 * no control characters, bounded length.
 */
function cleanText(text: string): string | null {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ').trim();
  if (clean === '') return null;
  return clean.length > DESCRIPTION_LIMIT ? `${clean.slice(0, DESCRIPTION_LIMIT)}…` : clean;
}

function textOf(answer: OutboundAnswer): string {
  return Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength).toString('utf8');
}

function optionalString(json: Record<string, unknown>, field: string): string | null {
  const value = json[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

function stringArray(json: Record<string, unknown>, field: string): string[] | null {
  const value = json[field];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null;
}
