import { Container } from 'inversify';
import { CreateAppIntegration } from '../application/app-integration/create-app-integration.use-case';
import { CreateBrandKey } from '../application/brand/create-brand-key.use-case';
import { CreateBrand } from '../application/brand/create-brand.use-case';
import { RevokeBrandKeys } from '../application/brand/revoke-brand-keys.use-case';
import { CreatePortalAdminUseCase } from '../application/portal/create-portal-admin.use-case';
import { RevokePortalAdminUseCase } from '../application/portal/revoke-portal-admin.use-case';
import { ReencryptSecrets } from '../application/secrets/reencrypt-secrets.use-case';
import { presentAppIntegration } from '../adapters/http/jfw/integration-authentication.presenter';
import { optionalFlag, ParsedArgs, requireFlag } from './cli-args';

/** What a command hands back: the JSON object of the contract, and the same facts for people. */
export interface CommandResult {
  readonly json: Record<string, unknown>;
  readonly text: string;
}

export interface CommandContext {
  readonly container: Container;
  readonly flags: ParsedArgs['flags'];
  readonly appliedMigrations: readonly string[];
  readonly databaseUrl: string;
}

export interface CliCommand {
  readonly usage: string;
  run(context: CommandContext): Promise<CommandResult>;
}

/** Hides the password of a database URL for people; `--json` scripts get the URL itself. */
function withoutPassword(url: string): string {
  return url.replace(/(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/, '$1****@');
}

export const COMMANDS: Record<string, CliCommand> = {
  migrate: {
    usage: 'migrate',
    async run({ appliedMigrations }) {
      const text = appliedMigrations.length === 0 ? 'No pending migrations.' : `Applied: ${appliedMigrations.join(', ')}`;
      return { json: { applied: appliedMigrations }, text };
    },
  },
  'db:url': {
    usage: 'db:url',
    async run({ databaseUrl }) {
      return { json: { url: databaseUrl }, text: withoutPassword(databaseUrl) };
    },
  },
  'brands:create': {
    usage: 'brands:create --url <brand-url> [--name <name>]',
    async run({ container, flags }) {
      const brand = await container.get(CreateBrand).execute({ url: requireFlag(flags, 'url'), name: optionalFlag(flags, 'name') });
      return { json: { id: brand.id, url: brand.url, name: brand.name }, text: `Created brand ${brand.url} (${brand.id})` };
    },
  },
  'keys:create': {
    usage: 'keys:create --brand <brand-url>',
    async run({ container, flags }) {
      const key = await container.get(CreateBrandKey).execute({ brandUrl: requireFlag(flags, 'brand') });
      return {
        json: { brandUrl: key.brandUrl, keyId: key.keyId, authKey: key.authKey },
        text: `Auth-Key ${key.keyId} for ${key.brandUrl} (shown once, store it now):\n${key.authKey}`,
      };
    },
  },
  'keys:revoke': {
    usage: 'keys:revoke --brand <brand-url> [--key-id <id>]   (a running server stops accepting it within AUTH_CACHE_TTL_MS)',
    async run({ container, flags }) {
      const result = await container.get(RevokeBrandKeys).execute({ brandUrl: requireFlag(flags, 'brand'), keyId: optionalFlag(flags, 'key-id') });
      return { json: result, text: `Revoked ${result.revokedKeyIds.join(', ')} of ${result.brandUrl}` };
    },
  },
  'app-integrations:create': {
    usage: 'app-integrations:create --type <type> --name <name> --domain <url> [--description <text>] [--logo-url <url>]',
    async run({ container, flags }) {
      const entry = await container.get(CreateAppIntegration).execute({
        type: requireFlag(flags, 'type'),
        name: requireFlag(flags, 'name'),
        domain: requireFlag(flags, 'domain'),
        description: optionalFlag(flags, 'description') ?? null,
        logoURL: optionalFlag(flags, 'logo-url') ?? null,
      });
      return { json: presentAppIntegration(entry.props), text: `Created app integration ${entry.props.name} (${entry.id})` };
    },
  },
  'portal-admins:create': {
    usage: 'portal-admins:create --email <email>',
    async run({ container, flags }) {
      const { admin, token } = await container.get(CreatePortalAdminUseCase).execute({ email: requireFlag(flags, 'email') });
      return {
        json: { email: admin.email, token },
        text: `Portal API token for ${admin.email} (shown once, store it now; send it as the Authorization header):\n${token}`,
      };
    },
  },
  'portal-admins:revoke': {
    usage: 'portal-admins:revoke --email <email>   (a running server stops accepting the token within AUTH_CACHE_TTL_MS)',
    async run({ container, flags }) {
      const { email } = await container.get(RevokePortalAdminUseCase).execute({ email: requireFlag(flags, 'email') });
      return { json: { email, revoked: true }, text: `Revoked the portal API token of ${email}` };
    },
  },
  'secrets:reencrypt': {
    usage: 'secrets:reencrypt',
    async run({ container }) {
      const reencrypted = await container.get(ReencryptSecrets).execute();
      return {
        json: { reencrypted },
        text: `Re-encrypted under the current SECRET_KEY: ${reencrypted.integrationAuthentications} integration authentication(s), ${reencrypted.portalCredentials} portal credential(s).`,
      };
    },
  },
};
