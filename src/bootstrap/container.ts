import { Container, ContainerModule } from 'inversify';
import { DataSource } from 'typeorm';
import { AuthChangeFeed } from '../application/ports/auth-change-feed';
import { clientRegistrationModule } from './modules/client-registration.module';
import { SecretCipher } from '../application/ports/secret-cipher';
import { AesGcmSecretCipher, cipherKeyFromBase64 } from '../adapters/system/aes-gcm-secret-cipher';
import { DEFAULT_AUTH_CACHE_TTL_MS } from './config';
import { authCacheModule } from './modules/auth-cache.module';
import { inMemoryPersistenceModule } from './modules/in-memory-persistence.module';
import { jfwUseCasesModule } from './modules/jfw-use-cases.module';
import { portalUseCasesModule } from './modules/portal-use-cases.module';
import { secretsUseCasesModule } from './modules/secrets-use-cases.module';
import { systemModule } from './modules/system.module';
import { typeOrmPersistenceModule } from './modules/typeorm-persistence.module';
import { WebhookOptions, webhooksModule } from './modules/webhooks.module';
import { webhooksUseCasesModule } from './modules/webhooks-use-cases.module';

/** How a host provides storage: its own initialised TypeORM DataSource, or in-memory stores. */
export type PersistenceOption = { readonly kind: 'typeorm'; readonly dataSource: DataSource } | { readonly kind: 'in-memory' };

export interface ContainerOptions {
  readonly persistence: PersistenceOption;
  /** base64 of 32 bytes, used when `secretCipher` is not given. */
  readonly secretKey?: string;
  readonly previousSecretKeys?: readonly string[];
  /** Replaces the AES-GCM cipher (e.g. a KMS-backed one). */
  readonly secretCipher?: SecretCipher;
  /**
   * Cache of the auth lookups (default 5000 ms, 0 = off). Revocations through
   * this container apply at once; those by another process within this bound.
   */
  readonly authCacheTtlMs?: number;
  /**
   * Changes made by other processes (the server passes its PostgreSQL
   * LISTEN/NOTIFY listener, `startPgAuthChangeListener`): the caches drop
   * what they report at once. Without it, only the TTL bounds them.
   */
  readonly authChanges?: AuthChangeFeed;
  /**
   * Outbound HTTP (WEBHOOK_ALLOW_PRIVATE, or a fake) and the delivery retry
   * schedule. The same sender makes the calls to identity providers (dynamic
   * client registration), so both follow one set of address rules.
   */
  readonly webhooks?: WebhookOptions;
  /** Loaded last: rebinding here swaps any adapter. */
  readonly overrides?: readonly ContainerModule[];
}

/**
 * Builds a container holding every use case, wired to the chosen adapters.
 * No module-level state: each call is independent, so several containers
 * (say, one per database) can live in one process.
 */
export function createContainer(options: ContainerOptions): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  const cipher = options.secretCipher ?? cipherFromKeys(options.secretKey, options.previousSecretKeys ?? []);
  container.load(
    systemModule(cipher),
    options.persistence.kind === 'typeorm' ? typeOrmPersistenceModule(options.persistence.dataSource) : inMemoryPersistenceModule(),
    authCacheModule(options.authCacheTtlMs ?? DEFAULT_AUTH_CACHE_TTL_MS, options.authChanges),
    jfwUseCasesModule(),
    portalUseCasesModule(),
    secretsUseCasesModule(),
    webhooksModule(options.webhooks),
    webhooksUseCasesModule(),
    clientRegistrationModule(),
  );
  for (const module of options.overrides ?? []) container.load(module);
  return container;
}

function cipherFromKeys(secretKey: string | undefined, previous: readonly string[]): SecretCipher {
  if (secretKey === undefined) throw new Error('createContainer needs secretKey or secretCipher');
  return new AesGcmSecretCipher(cipherKeyFromBase64(secretKey), previous.map(cipherKeyFromBase64));
}
