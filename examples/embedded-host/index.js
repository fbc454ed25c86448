// A host service embedding integration-hub: its own PostgreSQL connection,
// the package's migrations, and the update use cases called without HTTP.
// Prints one JSON line with what it did; CI checks it.
const {
  createContainer,
  createDataSource,
  runMigrations,
  startEmbeddedPostgres,
  CreateBrand,
  CreateIntegrationAuthentication,
  UpdateIntegrationAuthentication,
  GetIntegrationAuthentication,
  CreatePortalUser,
  CreatePortalApp,
  UpdatePortalApp,
} = require('integration-hub');
const { randomBytes } = require('node:crypto');

async function main() {
  // The host's own database: DATABASE_URL, or an embedded PostgreSQL of its own.
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: process.env.EXAMPLE_DATA_DIR || '.data', database: 'embedded_host', fresh: true });
  const dataSource = createDataSource({ url: process.env.DATABASE_URL || embedded.url });
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    const container = createContainer({
      persistence: { kind: 'typeorm', dataSource },
      secretKey: process.env.SECRET_KEY || randomBytes(32).toString('base64'),
    });

    // Every write records who made it in the audit trail; a host names itself as it likes.
    const change = { actor: { kind: 'cli', id: null }, correlationId: 'embedded-host' };
    const brand = await container.get(CreateBrand).execute({ url: `host-${Date.now()}.example.com`, change });
    const settings = {
      appIntegrationId: 'GoogleSignIn000001',
      code: 'GOOGLE_OAUTH2',
      name: 'Google OAuth2 Integration',
      projectId: 'my-google-project-123',
      clientId: '1234567890-abc.apps.googleusercontent.com',
      clientSecret: 'GOCSPX-EXAMPLESECRET',
      redirectURI: 'https://subdomain.com/auth/callback',
      scope: 'openid email profile',
    };
    const created = await container.get(CreateIntegrationAuthentication).execute({ brandId: brand.id, settings, change });
    const updated = await container.get(UpdateIntegrationAuthentication).execute({
      brandId: brand.id,
      id: created.authentication.id,
      settings: { ...settings, name: 'Updated by the host', isDefault: true },
      expectedVersion: created.authentication.version,
      change,
    });
    const read = await container.get(GetIntegrationAuthentication).execute({ brandId: brand.id, id: created.authentication.id });

    // The portal surface's seed 003 update, also without HTTP.
    const user = await container.get(CreatePortalUser).execute({
      email: `owner-${Date.now()}@example.com`,
      first: 'Ada',
      last: 'Host',
      role: 'consumer-admin',
      change,
    });
    const app = await container.get(CreatePortalApp).execute({ name: 'Draft', userId: user.id, change });
    const changed = await container.get(UpdatePortalApp).execute({
      appId: app.app.id,
      changes: { name: 'Payment App', redirectUrls: 'https://app-host/auth', visibility: 'personal' },
      change,
    });

    console.log(
      JSON.stringify({
        migrationsApplied: applied.length,
        jfw: { name: read.authentication.settings.name, isDefault: read.authentication.isDefault, version: updated.authentication.version },
        portal: { name: changed.app.name, redirectUrls: changed.app.redirectUrls, visibility: changed.app.visibility, userId: changed.app.userId === user.id },
      }),
    );
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
