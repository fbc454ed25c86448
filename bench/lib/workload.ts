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

export const PUT_PATH = '/api/v1/app-integrations/authentication';

export interface Seeded {
  readonly brandId: string;
  readonly brandUrl: string;
  readonly authKey: string;
  readonly ids: readonly string[];
}

export function authHeaders(seeded: Seeded): Record<string, string> {
  return { 'Brand-URL': seeded.brandUrl, 'Auth-Key': seeded.authKey, 'Content-Type': 'application/json' };
}
