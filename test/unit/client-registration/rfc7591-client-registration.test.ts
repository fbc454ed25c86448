import { expect } from 'chai';
import { Rfc7591ClientRegistration } from '../../../src/adapters/client-registration/rfc7591-client-registration';
import { ClientMetadata, RegistrationHandle } from '../../../src/application/ports/client-registration';
import {
  IdentityProviderNotAllowed,
  IdentityProviderProtocolViolation,
  IdentityProviderRefused,
  IdentityProviderUnreachable,
} from '../../../src/application/ports/identity-provider-errors';
import { ScriptedOutboundHttp } from '../../support/client-registration/scripted-outbound-http';
import { rejectionOf } from '../../support/rejection';

const ENDPOINT = 'https://idp.example/reg';
const CLIENT_URI = 'https://idp.example/reg/client-1';
const METADATA: ClientMetadata = {
  redirectUris: ['https://app.example/cb'],
  grantTypes: ['authorization_code'],
  responseTypes: ['code'],
  tokenEndpointAuthMethod: 'client_secret_basic',
  scope: 'openid',
};
const HANDLE: RegistrationHandle = {
  clientId: 'client-1', clientSecret: 'secret-1', registrationClientUri: CLIENT_URI, registrationAccessToken: 'rat-1',
};
const answered = (overrides: Record<string, unknown> = {}) => ({
  client_id: 'client-1', client_secret: 'secret-1', client_secret_expires_at: 0,
  registration_client_uri: CLIENT_URI, registration_access_token: 'rat-1',
  redirect_uris: ['https://app.example/cb'], grant_types: ['authorization_code'], response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic', scope: 'openid',
  ...overrides,
});

describe('RFC 7591/7592 adapter: requests it sends and answers it will not take', () => {
  let http: ScriptedOutboundHttp;
  let registration: Rfc7591ClientRegistration;
  beforeEach(() => {
    http = new ScriptedOutboundHttp();
    registration = new Rfc7591ClientRegistration(http);
  });

  describe('requests', () => {
    it('registers with a JSON body of RFC 7591 names and the initial access token as Bearer', async () => {
      http.answer(201, answered());
      await registration.register({ registrationEndpoint: ENDPOINT, initialAccessToken: 'iat' }, { ...METADATA, clientName: 'App', softwareId: 'sw', softwareVersion: 'v1' });
      const [request] = http.requests;
      expect(request).to.include({ method: 'POST', url: ENDPOINT });
      expect(request.headers).to.include({ authorization: 'Bearer iat', 'content-type': 'application/json' });
      expect(http.bodyOf(0)).to.deep.equal({
        redirect_uris: ['https://app.example/cb'], grant_types: ['authorization_code'], response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic', scope: 'openid', client_name: 'App', software_id: 'sw', software_version: 'v1',
      });
    });

    it('sends no Authorization header when the provider needs no initial access token', async () => {
      http.answer(201, answered());
      await registration.register({ registrationEndpoint: ENDPOINT }, METADATA);
      expect(http.requests[0].headers).to.not.have.property('authorization');
    });

    it('updates with client_id and the current secret, so the provider keeps the secret', async () => {
      http.answer(200, answered());
      await registration.update(HANDLE, METADATA);
      expect(http.requests[0]).to.include({ method: 'PUT', url: CLIENT_URI });
      expect(http.requests[0].headers).to.include({ authorization: 'Bearer rat-1' });
      expect(http.bodyOf(0)).to.include({ client_id: 'client-1', client_secret: 'secret-1' });
    });

    it('asks for a new secret by leaving client_secret out of the PUT', async () => {
      http.answer(200, answered({ client_secret: 'secret-2' }));
      const { rotated, client } = await registration.rotateSecret(HANDLE, METADATA);
      expect(http.bodyOf(0)).to.include({ client_id: 'client-1' }).and.not.have.property('client_secret');
      expect(rotated).to.equal(true);
      expect(client.clientSecret).to.equal('secret-2');
    });

    it('keeps the token, URI and secret it has when an update answer leaves them out (RFC 7592 §2.2 "MAY")', async () => {
      http.answer(200, answered({ client_secret: undefined, registration_access_token: undefined, registration_client_uri: undefined }));
      const client = await registration.update(HANDLE, METADATA);
      expect(client).to.include({ clientSecret: 'secret-1', registrationAccessToken: 'rat-1', registrationClientUri: CLIENT_URI });
    });

    it('takes a new registration access token from an update answer', async () => {
      http.answer(200, answered({ registration_access_token: 'rat-2' }));
      expect((await registration.update(HANDLE, METADATA)).registrationAccessToken).to.equal('rat-2');
    });

    it('reports a delete answered 401 or 404 as gone, so a retried delete ends', async () => {
      http.answer(204).answer(401, { error: 'invalid_token' }).answer(404);
      expect(await registration.delete(HANDLE)).to.equal('deleted');
      expect(await registration.delete(HANDLE)).to.equal('gone');
      expect(await registration.delete(HANDLE)).to.equal('gone');
      expect(http.requests.map((r) => r.method)).to.deep.equal(['DELETE', 'DELETE', 'DELETE']);
    });
  });

  describe('answers', () => {
    it('refuses to send the registration access token to another origin later', async () => {
      http.answer(201, answered({ registration_client_uri: 'https://elsewhere.example/reg/client-1' }));
      const error = await rejectionOf(registration.register({ registrationEndpoint: ENDPOINT }, METADATA));
      expect(error).to.be.instanceOf(IdentityProviderProtocolViolation);
      expect((error as Error).message).to.include('origin');
    });

    it('refuses an update answer about another client', async () => {
      http.answer(200, answered({ client_id: 'client-2' }));
      expect(await rejectionOf(registration.update(HANDLE, METADATA))).to.be.instanceOf(IdentityProviderProtocolViolation);
    });

    for (const [what, body] of [['not JSON', '<html>'], ['a JSON array', '[]'], ['without client_id', { client_secret: 's' }]] as const) {
      it(`refuses a registration answer that is ${what}`, async () => {
        http.answer(201, body);
        expect(await rejectionOf(registration.register({ registrationEndpoint: ENDPOINT }, METADATA))).to.be.instanceOf(IdentityProviderProtocolViolation);
      });
    }

    it('refuses an answer cut at the size limit', async () => {
      http.answerTruncated(201, JSON.stringify(answered()).slice(0, 20));
      const error = await rejectionOf(registration.register({ registrationEndpoint: ENDPOINT }, METADATA));
      expect(error).to.be.instanceOf(IdentityProviderProtocolViolation);
    });

    it('does not follow a redirect', async () => {
      http.answer(307, '', { location: 'http://169.254.169.254/latest' });
      const error = await rejectionOf(registration.register({ registrationEndpoint: ENDPOINT }, METADATA));
      expect(error).to.be.instanceOf(IdentityProviderProtocolViolation);
      expect(http.requests).to.have.length(1);
    });

    for (const status of [408, 429, 500, 502, 503]) {
      it(`answers HTTP ${status} with "unreachable, retry"`, async () => {
        http.answer(status);
        const error = await rejectionOf(registration.register({ registrationEndpoint: ENDPOINT }, METADATA));
        expect(error).to.be.instanceOf(IdentityProviderUnreachable).and.include({ retryable: true, requestMayHaveArrived: true });
      });
    }

    const outcomes = [
      [{ kind: 'failed', reason: 'ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:443' }, false],
      [{ kind: 'failed', reason: 'ENOTFOUND: getaddrinfo ENOTFOUND idp.example' }, false],
      [{ kind: 'failed', reason: 'ECONNRESET: socket hang up' }, true],
      [{ kind: 'failed', reason: 'other side closed' }, true],
      [{ kind: 'timed-out' }, true],
    ] as const;
    for (const [outcome, mayHaveArrived] of outcomes) {
      it(`answers ${'reason' in outcome ? outcome.reason.split(':')[0] : outcome.kind} with "unreachable, ${mayHaveArrived ? 'may have arrived' : 'not sent'}"`, async () => {
        http.respond(outcome);
        const error = await rejectionOf(registration.register({ registrationEndpoint: ENDPOINT }, METADATA));
        expect(error).to.be.instanceOf(IdentityProviderUnreachable).and.include({ retryable: true, requestMayHaveArrived: mayHaveArrived });
      });
    }

    it('answers an address the sender will not call with "not allowed", not to be retried', async () => {
      http.respond({ kind: 'refused', reason: 'address 10.0.0.1 is in a private network (private)' });
      const error = await rejectionOf(registration.register({ registrationEndpoint: ENDPOINT }, METADATA));
      expect(error).to.be.instanceOf(IdentityProviderNotAllowed).and.include({ retryable: false });
      expect((error as Error).message).to.include('private network');
    });

    it('keeps the provider\'s error code and a clean, bounded description', async () => {
      http.answer(400, { error: 'invalid_client_metadata', error_description: `bad\u0000\u001b[31m value ${'x'.repeat(1000)}` });
      const error = (await rejectionOf(registration.register({ registrationEndpoint: ENDPOINT }, METADATA))) as IdentityProviderRefused;
      expect(error).to.be.instanceOf(IdentityProviderRefused).and.include({ status: 400, error: 'invalid_client_metadata' });
      // eslint-disable-next-line no-control-regex
      expect(error.errorDescription).to.not.match(/[\u0000-\u001f]/);
      expect(error.errorDescription!.length).to.be.at.most(301);
    });

    it('names an error the provider did not give properly by its status', async () => {
      http.answer(400, { error: 'has "quotes" \\ and\nnewline' }).answer(403, 'Forbidden');
      expect(await rejectionOf(registration.register({ registrationEndpoint: ENDPOINT }, METADATA))).to.include({ error: 'http_400' });
      expect(await rejectionOf(registration.register({ registrationEndpoint: ENDPOINT }, METADATA))).to.include({ error: 'http_403', errorDescription: null });
    });

    it('reads the error of a 401 from WWW-Authenticate when the body has none', async () => {
      http.answer(401, '', { 'www-authenticate': 'Bearer realm="reg", error="invalid_token"' });
      expect(await rejectionOf(registration.read(HANDLE))).to.be.instanceOf(IdentityProviderRefused).and.include({ error: 'invalid_token' });
    });
  });
});
