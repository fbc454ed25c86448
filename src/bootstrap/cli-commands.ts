import { Container } from 'inversify';
import { CreateAppIntegration } from '../application/app-integration/create-app-integration.use-case';
import { CreateBrandKey } from '../application/brand/create-brand-key.use-case';
import { CreateBrand } from '../application/brand/create-brand.use-case';
import { RevokeBrandKeys } from '../application/brand/revoke-brand-keys.use-case';
import { CreatePortalAdmin } from '../application/portal-admin/create-portal-admin.use-case';
import { RevokePortalAdmin } from '../application/portal-admin/revoke-portal-admin.use-case';
import { ReencryptSecrets } from '../application/secrets/reencrypt-secrets.use-case';
import { CreateIdentityProvider } from '../application/identity-provider/create-identity-provider.use-case';
import { presentAppIntegration } from '../adapters/http/jfw/integration-authentication.presenter';
import { presentAuditEntry } from '../adapters/http/jfw/audit-entry.presenter';
import { ListAuditEntries } from '../application/audit/list-audit-entries.use-case';
import { cliChange } from '../domain/audit/change-context';
import { CommandSpec, Flags, requiredFlag, stringFlag } from './cli-args';

/** What a command hands back: the JSON object of the contract, and the same facts for people. */
export interface CommandResult {
  readonly json: Record<string, unknown>;
  /** One entry per line: a line break inside a value is shown escaped, so it cannot pass for a line of ours. */
  readonly lines: readonly string[];
  /** The command did its work but not all of it: this line goes to stderr after the answer, and the exit code is 1. */
  readonly failure?: string;
}

export interface CommandContext {
  readonly container: Container;
  readonly flags: Flags;
  readonly appliedMigrations: readonly string[];
  readonly databaseUrl: string;
}

export interface CliCommand extends CommandSpec {
  /** The `--json` answer's shape, for the help. */
  readonly answer: string;
  run(context: CommandContext): Promise<CommandResult>;
}

/** The token from the option, stdin ("-") or the environment: the last two keep it out of shell history. */
async function initialAccessToken(option: string | undefined): Promise<string | null> {
  if (option === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').trim() || null;
  }
  return option ?? (process.env.IDP_INITIAL_ACCESS_TOKEN?.trim() || null);
}

/** Hides the password of a database URL for people; `--json` scripts get the URL itself. */
function withoutPassword(url: string): string {
  return url.replace(/(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/, '$1****@');
}

export const COMMANDS: Record<string, CliCommand> = {
  migrate: {
    summary: 'Apply pending migrations (every command applies them first; this one only that)',
    options: {},
    answer: '{"applied":[names]}',
    async run({ appliedMigrations }) {
      const text = appliedMigrations.length === 0 ? 'No pending migrations.' : `Applied: ${appliedMigrations.join(', ')}`;
      return { json: { applied: appliedMigrations }, lines: [text] };
    },
  },
  'db:url': {
    summary: 'Print the database URL in use, embedded or not (the password is hidden without --json)',
    options: {},
    answer: '{"url"}',
    async run({ databaseUrl }) {
      return { json: { url: databaseUrl }, lines: [withoutPassword(databaseUrl)] };
    },
  },
  'brands:create': {
    summary: 'Create a brand: a tenant of the JFramework surface (/api/v1)',
    options: {
      url: { value: 'brand-url', required: true, description: 'host name with an optional path, e.g. acme.example.com; clients send it as Brand-URL' },
      name: { value: 'name', description: 'display name (default: the URL)' },
    },
    answer: '{"id","url","name"}',
    async run({ container, flags }) {
      const brand = await container.get(CreateBrand).execute({ url: requiredFlag(flags, 'url'), name: stringFlag(flags, 'name'), change: cliChange() });
      return { json: { id: brand.id, url: brand.url, name: brand.name }, lines: [`Created brand ${brand.url} (${brand.id})`] };
    },
  },
  'keys:create': {
    summary: 'Issue an Auth-Key for a brand (shown once; only its hash is stored)',
    options: { brand: { value: 'brand-url', required: true, description: 'the brand\'s URL' } },
    answer: '{"brandUrl","keyId","authKey"}',
    async run({ container, flags }) {
      const key = await container.get(CreateBrandKey).execute({ brandUrl: requiredFlag(flags, 'brand'), change: cliChange() });
      return {
        json: { brandUrl: key.brandUrl, keyId: key.keyId, authKey: key.authKey },
        lines: [`Auth-Key ${key.keyId} for ${key.brandUrl} (shown once, store it now):`, key.authKey],
      };
    },
  },
  'keys:revoke': {
    summary: 'Revoke a brand\'s Auth-Keys (every running server refuses them within about a second, told through LISTEN/NOTIFY; AUTH_CACHE_TTL_MS bounds it if a notification is missed)',
    options: {
      brand: { value: 'brand-url', required: true, description: 'the brand\'s URL' },
      'key-id': { value: 'id', description: 'only this key (default: every active key of the brand)' },
    },
    answer: '{"brandUrl","revokedKeyIds"}',
    async run({ container, flags }) {
      const result = await container.get(RevokeBrandKeys).execute({
        brandUrl: requiredFlag(flags, 'brand'), keyId: stringFlag(flags, 'key-id'), change: cliChange(),
      });
      return { json: result, lines: [`Revoked ${result.revokedKeyIds.join(', ')} of ${result.brandUrl}`] };
    },
  },
  'app-integrations:create': {
    summary: 'Add an entry to the shared app integration catalog (one per type and name)',
    options: {
      type: { value: 'type', required: true, description: 'Analytics, Authenticate, CDN, PaymentGateway, PushNotification, ReCaptcha, SMS or SMTP' },
      name: { value: 'name', required: true, description: 'e.g. Stripe; unique within its type (case-insensitive)' },
      domain: { value: 'url', required: true, description: 'the provider\'s site, e.g. https://stripe.com' },
      description: { value: 'text', description: 'free text' },
      'logo-url': { value: 'url', description: 'an http(s) URL of a logo' },
    },
    answer: 'the catalog entry as the API answers it: {"id","type","name","domain","description","logoURL","status"}',
    async run({ container, flags }) {
      const entry = await container.get(CreateAppIntegration).execute({
        type: requiredFlag(flags, 'type'),
        name: requiredFlag(flags, 'name'),
        domain: requiredFlag(flags, 'domain'),
        description: stringFlag(flags, 'description') ?? null,
        logoURL: stringFlag(flags, 'logo-url') ?? null,
        change: cliChange(),
      });
      return { json: presentAppIntegration(entry.snapshot()), lines: [`Created app integration ${entry.snapshot().name} (${entry.id})`] };
    },
  },
  'portal-admins:create': {
    summary: 'Create a portal admin and its API token for /portal-api (shown once; only its hash is stored)',
    options: { email: { value: 'email', required: true, description: 'the admin\'s email address' } },
    answer: '{"email","token"}',
    async run({ container, flags }) {
      const { admin, token } = await container.get(CreatePortalAdmin).execute({ email: requiredFlag(flags, 'email'), change: cliChange() });
      return {
        json: { email: admin.email, token },
        lines: [`Portal API token for ${admin.email} (shown once, store it now; send it as the Authorization header):`, token],
      };
    },
  },
  'portal-admins:revoke': {
    summary: 'Remove a portal admin (every running server refuses its token within about a second, told through LISTEN/NOTIFY; AUTH_CACHE_TTL_MS bounds it if a notification is missed)',
    options: { email: { value: 'email', required: true, description: 'the admin\'s email address' } },
    answer: '{"email","revoked":true}',
    async run({ container, flags }) {
      const { email } = await container.get(RevokePortalAdmin).execute({ email: requiredFlag(flags, 'email'), change: cliChange() });
      return { json: { email, revoked: true }, lines: [`Revoked the portal API token of ${email}`] };
    },
  },
  'idps:create': {
    summary: 'Add an OpenID provider where credentials of DCR products are registered (its registration endpoint is read from <issuer>/.well-known/openid-configuration)',
    options: {
      name: { value: 'name', required: true, description: 'display name' },
      issuer: { value: 'url', required: true, description: 'the issuer, exactly as the provider\'s metadata states it' },
      'initial-access-token': {
        value: 'token',
        description: 'when the provider protects registration (RFC 7591 §3); "-" reads it from stdin, and IDP_INITIAL_ACCESS_TOKEN is read when the option is absent (a token on the command line lands in shell history). Stored encrypted, never printed',
      },
    },
    answer: '{"id","name","issuer","registrationEndpoint"}',
    async run({ container, flags }) {
      const provider = await container.get(CreateIdentityProvider).execute({
        change: cliChange(),
        name: requiredFlag(flags, 'name'),
        issuer: requiredFlag(flags, 'issuer'),
        initialAccessToken: await initialAccessToken(stringFlag(flags, 'initial-access-token')),
      });
      return {
        json: { id: provider.id, name: provider.name, issuer: provider.issuer, registrationEndpoint: provider.registrationEndpoint },
        lines: [`Created identity provider ${provider.name} (${provider.id}): registration at ${provider.registrationEndpoint}`],
      };
    },
  },
  'audit:list': {
    summary: 'List audit entries, newest first (the last 100): every change through either surface or this command line',
    options: {
      brand: { value: 'brand-url', description: 'only this brand\'s entries (default: every brand\'s and the portal\'s)' },
      'resource-type': { value: 'type', description: 'e.g. integration-authentication, portal-app, access-request' },
      'resource-id': { value: 'id', description: 'one resource\'s history (alone, or with --resource-type when ids of two types could be alike)' },
    },
    answer: '{"items":[{"id","at","actor":{"kind","id"},"action","resource":{"type","id"},"brandId","changes","correlationId"}]}',
    async run({ container, flags }) {
      const entries = await container.get(ListAuditEntries).execute({
        brandUrl: stringFlag(flags, 'brand'), resourceType: stringFlag(flags, 'resource-type'), resourceId: stringFlag(flags, 'resource-id'),
      });
      const items = entries.map(presentAuditEntry);
      const lines = items.map((e) => `${e.at} ${e.actor.kind}${e.actor.id === null ? '' : ` ${e.actor.id}`} ${e.action} ${e.resource.type} ${e.resource.id}`
        + (e.changes.length === 0 ? '' : ` (${e.changes.map((c) => c.field).join(', ')})`));
      return { json: { items }, lines: lines.length === 0 ? ['No audit entries.'] : lines };
    },
  },
  'secrets:reencrypt': {
    summary: 'Re-encrypt stored secrets under the current SECRET_KEY (after a key rotation; safe to re-run)',
    options: {},
    answer: '{"reencrypted":{"integrationAuthentications":n,"portalCredentials":m,"identityProviders":i,"dcrDeletions":d},"undecryptable":[{"table","rowId","field"}]}',
    async run({ container }) {
      const { reencrypted, undecryptable } = await container.get(ReencryptSecrets).execute({ change: cliChange() });
      const done = `Re-encrypted under the current SECRET_KEY: ${reencrypted.integrationAuthentications} integration authentication(s), ${reencrypted.portalCredentials} portal credential(s), ${reencrypted.identityProviders} identity provider(s), ${reencrypted.dcrDeletions} pending provider deletion(s).`;
      const json = { reencrypted, undecryptable };
      if (undecryptable.length === 0) return { json, lines: [done] };
      const rows = new Set(undecryptable.map((u) => `${u.table}:${u.rowId}`)).size;
      return {
        json,
        lines: [done, ...undecryptable.map((u) => `not decryptable, left as it is: ${u.table} row ${u.rowId} ${u.field}`)],
        failure: `secrets:reencrypt: ${rows} row(s) skipped: ${undecryptable.length} value(s) do not decrypt with SECRET_KEY or SECRET_KEYS_PREVIOUS (each one listed on stdout); every other value was re-encrypted`,
      };
    },
  },
};
