/** Seed 000's example body for the i-th seeded configuration (its own code, so rows differ). */
export function seedBody(i: number, isDefault: boolean): Record<string, unknown> {
  return {
    appIntegrationId: 'GoogleSignIn000001',
    code: `BENCH_GOOGLE_OAUTH2_${i}`,
    name: 'Google OAuth2 Integration',
    projectId: 'my-google-project-123',
    clientId: '1234567890-abc.apps.googleusercontent.com',
    clientSecret: `GOCSPX-EXAMPLESECRET-${i}`,
    redirectURI: 'https://subdomain.com/auth/callback',
    scope: 'openid email profile',
    authEndpoint: 'https://accounts.google.com/o/oauth2/auth',
    tokenEndpoint: 'https://oauth2.googleapis.com/token',
    iconURL: 'https://subdomain.com/assets/google-icon.png',
    tags: '#google #oauth2',
    description: 'Integration for Google OAuth2 authentication.',
    status: 'Active',
    isDefault,
  };
}

/** Seed 003's example body (/work/shared/seeds/003_*), owned by the seeded portal user. */
export function portalSeedBody(userId: number): Record<string, unknown> {
  return {
    Name: 'Payment App',
    Description: 'This is my payment application',
    RedirectURLs: 'https://app-host/auth',
    UserID: userId,
    Visibility: 'personal',
  };
}

export const PUT_PATH = '/api/v1/app-integrations/authentication';
export const PORTAL_APPS_PATH = '/portal-api/apps';

export interface Seeded {
  readonly brandId: string;
  readonly brandUrl: string;
  readonly authKey: string;
  readonly ids: readonly string[];
}

export interface PortalSeeded {
  readonly token: string;
  readonly userId: number;
  /** Each app has one approved authToken access request with its credential. */
  readonly appIds: readonly number[];
}

export function authHeaders(seeded: Seeded): Record<string, string> {
  return { 'Brand-URL': seeded.brandUrl, 'Auth-Key': seeded.authKey, 'Content-Type': 'application/json' };
}

/** What the load generator and the statement counter send: PUTs rotating over seeded rows. */
export interface Workload {
  readonly surface: 'jfw' | 'portal';
  readonly headers: Record<string, string>;
  /** Prepared once per round, so the load generator spends its core share on sockets, not JSON. */
  requests(isDefault: boolean): { path: string; body: string }[];
}

export function jfwWorkload(seeded: Seeded): Workload {
  return {
    surface: 'jfw',
    headers: authHeaders(seeded),
    requests: (isDefault) => seeded.ids.map((id, i) => ({ path: `${PUT_PATH}/${id}`, body: JSON.stringify(seedBody(i, isDefault)) })),
  };
}

export function portalWorkload(seeded: PortalSeeded): Workload {
  const body = JSON.stringify(portalSeedBody(seeded.userId));
  return {
    surface: 'portal',
    headers: { Authorization: seeded.token, 'Content-Type': 'application/json' },
    requests: () => seeded.appIds.map((id) => ({ path: `${PORTAL_APPS_PATH}/${id}`, body })),
  };
}
