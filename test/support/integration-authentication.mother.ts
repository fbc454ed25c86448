import { rememberSecret } from './suite-secrets';

let sequence = 0;

export const GOOGLE_ID = 'GoogleSignIn000001';
export const GITHUB_ID = 'GitHubSignIn000001';

/** Seed 000's example body, with a code unique per call. */
export function anIntegrationAuthenticationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  rememberSecret(`GOCSPX-EXAMPLESECRET-${sequence}`, typeof overrides.clientSecret === 'string' ? overrides.clientSecret : undefined);
  return {
    appIntegrationId: GOOGLE_ID,
    code: `GOOGLE_OAUTH2_${sequence}`,
    name: 'Google OAuth2 Integration',
    projectId: 'my-google-project-123',
    clientId: '1234567890-abc.apps.googleusercontent.com',
    clientSecret: `GOCSPX-EXAMPLESECRET-${sequence}`,
    redirectURI: 'https://subdomain.com/auth/callback',
    scope: 'openid email profile',
    authEndpoint: 'https://accounts.google.com/o/oauth2/auth',
    tokenEndpoint: 'https://oauth2.googleapis.com/token',
    iconURL: 'https://subdomain.com/assets/google-icon.png',
    tags: '#google #oauth2',
    description: 'Integration for Google OAuth2 authentication.',
    status: 'Active',
    isDefault: false,
    ...overrides,
  };
}
