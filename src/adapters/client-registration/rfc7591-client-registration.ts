import {
  ClientMetadata,
  ClientRegistration,
  RegisteredClient,
  RegistrationHandle,
  RegistrationTarget,
  SecretRotation,
} from '../../application/ports/client-registration';
import { IdentityProviderProtocolViolation } from '../../application/ports/identity-provider-errors';
import { OutboundAnswer, OutboundHttp, OutboundRequest } from './outbound-http';
import { askProvider, errorOfAnswer, metadataToWire, registeredClientFrom } from './registration-wire';

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' } as const;

/**
 * RFC 7591 registration and RFC 7592 management over HTTP. Every call is one
 * request: no retries here, because whether a retry is safe (a registration
 * whose answer was lost) is the caller's decision, taken from the error.
 */
export class Rfc7591ClientRegistration implements ClientRegistration {
  constructor(private readonly http: OutboundHttp) {}

  async register(target: RegistrationTarget, metadata: ClientMetadata): Promise<RegisteredClient> {
    const headers: Record<string, string> = { ...JSON_HEADERS };
    if (target.initialAccessToken) headers.authorization = `Bearer ${target.initialAccessToken}`;
    const answer = await this.exchange({
      method: 'POST', url: target.registrationEndpoint, headers, body: JSON.stringify(metadataToWire(metadata)),
    });
    const client = registeredClientFrom(answer, metadata, null);
    // The registration access token goes wherever registration_client_uri
    // points; another origin than the one registered with would get it.
    if (client.registrationClientUri !== null) requireSameOrigin(client.registrationClientUri, target.registrationEndpoint);
    return client;
  }

  async read(handle: RegistrationHandle): Promise<RegisteredClient> {
    const answer = await this.exchange({ method: 'GET', url: handle.registrationClientUri, headers: this.managementHeaders(handle) });
    return this.clientFrom(answer, handle, null);
  }

  async update(handle: RegistrationHandle, metadata: ClientMetadata): Promise<RegisteredClient> {
    // RFC 7592 §2.2: client_id is required; sending the current secret tells
    // the provider to keep it (a changed redirect URI must not rotate it).
    const body: Record<string, unknown> = { ...metadataToWire(metadata), client_id: handle.clientId };
    if (handle.clientSecret !== null) body.client_secret = handle.clientSecret;
    return this.put(handle, metadata, body);
  }

  async rotateSecret(handle: RegistrationHandle, metadata: ClientMetadata): Promise<SecretRotation> {
    const client = await this.put(handle, metadata, { ...metadataToWire(metadata), client_id: handle.clientId });
    return { client, rotated: client.clientSecret !== null && client.clientSecret !== handle.clientSecret };
  }

  async delete(handle: RegistrationHandle): Promise<'deleted' | 'gone'> {
    const answer = await askProvider(this.http, { method: 'DELETE', url: handle.registrationClientUri, headers: this.managementHeaders(handle) });
    if (answer.status >= 200 && answer.status < 300) return 'deleted';
    if (answer.status === 401 || answer.status === 404) return 'gone';
    throw errorOfAnswer(answer);
  }

  private async put(handle: RegistrationHandle, metadata: ClientMetadata, body: Record<string, unknown>): Promise<RegisteredClient> {
    const answer = await this.exchange({
      method: 'PUT', url: handle.registrationClientUri, headers: { ...this.managementHeaders(handle), ...JSON_HEADERS }, body: JSON.stringify(body),
    });
    return this.clientFrom(answer, handle, metadata);
  }

  private clientFrom(answer: OutboundAnswer, handle: RegistrationHandle, asked: ClientMetadata | null): RegisteredClient {
    const client = registeredClientFrom(answer, asked ?? NOTHING_ASKED, handle);
    if (client.clientId !== handle.clientId) {
      throw new IdentityProviderProtocolViolation('the answer describes another client');
    }
    requireSameOrigin(client.registrationClientUri!, handle.registrationClientUri);
    return client;
  }

  private managementHeaders(handle: RegistrationHandle): Record<string, string> {
    return { accept: 'application/json', authorization: `Bearer ${handle.registrationAccessToken}` };
  }

  /** One request that must succeed with a 2xx; anything else becomes the port's typed error. */
  private async exchange(request: OutboundRequest): Promise<OutboundAnswer> {
    const answer = await askProvider(this.http, request);
    if (answer.status >= 200 && answer.status < 300) return answer;
    throw errorOfAnswer(answer);
  }
}

/** A GET answer falls back on nothing: RFC 7592 §3 says it carries all metadata. */
const NOTHING_ASKED: ClientMetadata = { redirectUris: [], grantTypes: [], responseTypes: [], tokenEndpointAuthMethod: '' };

function requireSameOrigin(uri: string, reference: string): void {
  const url = URL.parse(uri);
  if (!url || url.origin !== new URL(reference).origin) {
    throw new IdentityProviderProtocolViolation('registration_client_uri is not on the registration endpoint\'s origin');
  }
}
