import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider' with { 'resolution-mode': 'import' };
import { MapAdapter, MapAdapterStore } from './oidc-provider-map-adapter';

type OidcProviderModule = typeof import('oidc-provider', { with: { 'resolution-mode': 'import' } });
type Provider = InstanceType<OidcProviderModule['default']>;

export interface OidcProviderHarnessOptions {
  /**
   * Registration needs an initial access token (oidc-provider's
   * `features.registration.initialAccessToken: true`, one token made at
   * start). Default true. Without it registration is open and secrets are
   * never rotated (policies hang off initial access tokens).
   */
  readonly initialAccessToken?: boolean;
  /** An RFC 7592 PUT without `client_secret` gets a new secret (default true; needs the token). */
  readonly rotateSecretOnUpdate?: boolean;
}

/** The provider's only user; the interaction handler signs it in and consents for it. */
export const HARNESS_ACCOUNT_ID = 'harness-user';

/**
 * A real OpenID provider (panva's oidc-provider) on 127.0.0.1, for tests of
 * dynamic client registration: RFC 7591 registration, RFC 7592 management
 * (with oidc-provider's default rotation of the registration access token on
 * every update), discovery, and the authorization code flow with a
 * programmatic login and consent instead of HTML pages.
 *
 * State lives in the process (oidc-provider's memory adapter), so `stop()`
 * and `restart()` are an outage: clients registered before are still there.
 */
export class OidcProviderHarness {
  private server: Server | null = null;
  private provider: Provider | null = null;
  private callback: ((req: IncomingMessage, res: ServerResponse) => unknown) | null = null;
  private loseNext = false;
  private readonly refused = new Set<string>();
  private readonly created: string[] = [];
  private listeningPort = 0;
  /** Null when registration is open. */
  private token: string | null = null;

  private constructor() {}

  static async start(options: OidcProviderHarnessOptions = {}): Promise<OidcProviderHarness> {
    const oidc = (await import('oidc-provider')) as OidcProviderModule;
    const withToken = options.initialAccessToken ?? true;
    const rotateSecret = withToken && (options.rotateSecretOnUpdate ?? true);
    const harness = new OidcProviderHarness();
    // The issuer names the port: listen first (answering 503 until the
    // provider exists), then build the provider for that port.
    await harness.listen(0);
    const provider = new oidc.default(harness.issuer, configuration(oidc, { withToken, rotateSecret, refused: harness.refused }));
    provider.on('registration_create.success', (_ctx: unknown, client: { clientId: string }) => {
      harness.created.push(client.clientId);
    });
    harness.provider = provider;
    harness.callback = provider.callback();
    if (withToken) harness.token = await new provider.InitialAccessToken({ policies: ['harness'] }).save();
    return harness;
  }

  get port(): number { return this.listeningPort; }
  get issuer(): string { return `http://127.0.0.1:${this.port}`; }
  get registrationEndpoint(): string { return `${this.issuer}/reg`; }
  /** The Bearer token registration needs; null when registration is open. */
  get initialAccessToken(): string | null { return this.token; }

  /** The outage: the listener and every open connection close; registered clients stay. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  /** Listens again on the same port, so the issuer and every stored URI stay valid. */
  async restart(): Promise<void> {
    if (!this.server) await this.listen(this.listeningPort);
  }

  /** Registrations and updates naming this redirect URI fail with `invalid_redirect_uri`. */
  refuseRedirectUri(uri: string): void { this.refused.add(uri); }
  acceptAllRedirectUris(): void { this.refused.clear(); }

  /**
   * The next request to the registration endpoints is carried out, but its
   * connection is cut instead of answered: the "registered, answer lost" case.
   */
  loseNextAnswer(): void { this.loseNext = true; }

  /** Client ids of every registration the provider made, in order. */
  registrationsCreated(): readonly string[] { return [...this.created]; }

  async clientExists(clientId: string): Promise<boolean> {
    return (await this.clientMetadata(clientId)) !== null;
  }

  /** The client as the provider stores it (its own view, not through RFC 7592), or null. */
  async clientMetadata(clientId: string): Promise<Record<string, unknown> | null> {
    const client = await this.oidcProvider().Client.find(clientId);
    return client ? (client.metadata() as Record<string, unknown>) : null;
  }

  /**
   * Plays the browser from an authorization URL: follows the provider's
   * redirects with its cookies, signs `HARNESS_ACCOUNT_ID` in and consents
   * on the way, and returns the first redirect that leaves the provider —
   * the client's redirect URI with `code` (or `error`).
   */
  async authorize(authorizationUrl: URL | string): Promise<URL> {
    const cookies = new Map<string, string>();
    let url = new URL(authorizationUrl);
    for (let hop = 0; hop < 10; hop++) {
      if (url.origin !== this.issuer) return url;
      const response = await fetch(url, {
        redirect: 'manual',
        headers: cookies.size ? { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') } : {},
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair.indexOf('=');
        const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
        if (value === '' || /max-age=0/i.test(line)) cookies.delete(name); else cookies.set(name, value);
      }
      const location = response.headers.get('location');
      await response.body?.cancel();
      if (!location) throw new Error(`the provider answered ${response.status} without a redirect at ${url.pathname}`);
      url = new URL(location, url);
    }
    throw new Error('too many redirects');
  }

  private async listen(port: number): Promise<void> {
    const server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => { server.off('error', reject); resolve(); });
    });
    this.listeningPort = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private oidcProvider(): Provider {
    if (!this.provider) throw new Error('the provider is not started');
    return this.provider;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    // No kept-alive sockets: a client's pooled socket that stop() closed
    // could be picked for the next request before the client has seen it
    // close, and the outage would read "may have arrived" (undici: "other
    // side closed") instead of "connection refused".
    res.setHeader('Connection', 'close');
    if (!this.callback) {
      res.statusCode = 503;
      res.end();
      return;
    }
    if (this.loseNext && req.url?.startsWith('/reg')) {
      this.loseNext = false;
      // Koa answers through res.end(body); cutting the socket there drops
      // an answer whose work (storage, events) is already done.
      res.end = (() => { req.socket.destroy(); return res; }) as typeof res.end;
    }
    if (req.url?.startsWith('/interaction/')) {
      this.interact(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    void this.callback(req, res);
  }

  /** Login, then consent to whatever the client asked for: no pages, no forms. */
  private async interact(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const provider = this.oidcProvider();
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      await provider.interactionFinished(req, res, { login: { accountId: HARNESS_ACCOUNT_ID } }, { mergeWithLastSubmission: false });
      return;
    }
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    const grant = details.grantId
      ? (await provider.Grant.find(details.grantId))!
      : new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
  }
}

function configuration(
  oidc: OidcProviderModule,
  { withToken, rotateSecret, refused }: { withToken: boolean; rotateSecret: boolean; refused: Set<string> },
): Configuration {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const store: MapAdapterStore = new Map();
  return {
    adapter: (model: string) => new MapAdapter(model, store),
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'harness', alg: 'RS256', use: 'sig' }] as never },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // Explicit lifetimes: the defaults work but print a notice each.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60, RefreshToken: 3600 },
    scopes: ['openid', 'offline_access', 'profile', 'api:read'],
    claims: { openid: ['sub'], profile: ['name'] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // software_id/_version are kept (oidc-provider drops them otherwise), and
    // the validator, which runs only with at least one extra property, is
    // the hook that refuses redirect URIs on request.
    extraClientMetadata: {
      properties: ['software_id', 'software_version'],
      validator(ctx: KoaContextWithOIDC | undefined, _key, _value, metadata) {
        const route = ctx?.oidc?.route;
        if (route !== 'registration' && route !== 'client_update') return;
        const hit = (metadata.redirect_uris ?? []).find((uri) => refused.has(uri));
        if (hit) throw new oidc.errors.InvalidClientMetadata(`redirect_uris refused by policy: ${hit}`);
      },
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      registration: {
        enabled: true,
        initialAccessToken: withToken,
        // oidc-provider allows policies only with stored initial access tokens.
        policies: withToken ? {
          // Runs on registration and update for clients registered with the
          // harness's initial access token: RFC 7592 §2.2 lets a provider
          // answer a PUT with a new secret; oidc-provider never does unless told.
          harness: (ctx, properties) => {
            if (rotateSecret && ctx.oidc.route === 'client_update' && !('client_secret' in (ctx.oidc.body ?? {})) && properties.client_secret) {
              properties.client_secret = randomBytes(32).toString('base64url');
            }
          },
        } : undefined,
      },
      registrationManagement: { enabled: true, rotateRegistrationAccessToken: true },
    },
  };
}
