import { ContainerModule } from 'inversify';
import type { Pool } from 'pg';
import request from 'supertest';
import { Rfc7591ClientRegistration } from '../../../src/adapters/client-registration/rfc7591-client-registration';
import { DCR_JOBS, jobHandlers, ResolveUseCase } from '../../../src/adapters/job-queue/job-table';
import { GraphileWorkerJobRunner } from '../../../src/adapters/job-queue/graphile-worker.job-runner';
import { NO_RATE_LIMITS } from '../../../src/adapters/http/shared/rate-limits';
import { SafeOutboundHttp } from '../../../src/adapters/outbound-http/safe-outbound-http';
import { MIGRATIONS } from '../../../src/adapters/persistence/typeorm/migrations';
import { SyncDcrCredential } from '../../../src/application/dcr/sync-dcr-credential.use-case';
import { CreateIdentityProvider } from '../../../src/application/identity-provider/create-identity-provider.use-case';
import { CreatePortalAdmin } from '../../../src/application/portal-admin/create-portal-admin.use-case';
import { CLIENT_REGISTRATION } from '../../../src/application/ports/client-registration';
import { CLOCK } from '../../../src/application/ports/clock';
import { DcrSyncSettings, DCR_SYNC_SETTINGS } from '../../../src/application/ports/dcr-sync-settings';
import { DCR_SYNC_STORE } from '../../../src/application/ports/dcr-sync.store';
import { createContainer } from '../../../src/bootstrap/container';
import { buildHttpApp } from '../../../src/bootstrap/http-app.factory';
import { OidcProviderHarness } from '../../support/oidc-provider-harness';
import { RecordingLogger } from '../../support/recording-logger';
import { createScratchDatabase, ScratchDatabase } from '../../support/scratch-database';
import { rememberLogger, rememberSecret } from '../../support/suite-secrets';
import { TEST_CHANGE } from '../../support/change';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { eventually } from '../../support/eventually';

/** Milliseconds instead of hours: the production schedule's shape, shrunk. */
export const QUICK_SYNC: DcrSyncSettings = { retrySchedule: { firstDelayMs: 100, maxDelayMs: 400, windowMs: 60_000 }, random: () => 0.5 };

/** Polls `probe` until it answers something; no timing is asserted, the deadline only ends a hung test. */

/**
 * The service as it runs: the real Koa app and the dcr-sync job on
 * graphile-worker, on a database of its own (the queue must see only this
 * suite's jobs), calling the real oidc-provider on 127.0.0.1 through the
 * safe sender with private addresses allowed (WEBHOOK_ALLOW_PRIVATE=true).
 */
export class DcrWorld {
  private runner: GraphileWorkerJobRunner | null = null;
  private constructor(
    readonly db: ScratchDatabase,
    readonly provider: OidcProviderHarness,
    readonly server: ReturnType<ReturnType<typeof buildHttpApp>['callback']>,
    readonly auth: { Authorization: string },
    readonly sync: SyncDcrCredential,
    /** RFC 7592 calls of our own, to ask the provider what it holds. */
    readonly registration: Rfc7591ClientRegistration,
    /** The provider as `idps:create` made it. */
    readonly identityProviderId: number,
  ) {}

  static async start(): Promise<DcrWorld> {
    const db = await createScratchDatabase(MIGRATIONS, (pool) => GraphileWorkerJobRunner.installSchema(pool, { log: () => undefined }));
    const provider = await OidcProviderHarness.start();
    rememberSecret(provider.initialAccessToken!);
    const http = new SafeOutboundHttp({ allowPrivate: true, timeoutMs: 5_000 });
    const container = createContainer({
      persistence: { kind: 'typeorm', dataSource: db.dataSource },
      secretKey: TEST_SECRET_KEY,
      webhooks: { outboundHttp: http },
      overrides: [new ContainerModule(({ rebind }) => void rebind(DCR_SYNC_SETTINGS).toConstantValue(QUICK_SYNC))],
    });
    const app = buildHttpApp(container, rememberLogger(new RecordingLogger()), db.dataSource, { rateLimits: NO_RATE_LIMITS });
    const { token } = await container.get(CreatePortalAdmin).execute({ email: 'dcr-admin@example.com', change: TEST_CHANGE });
    rememberSecret(token);
    const sync = new SyncDcrCredential(container.get(DCR_SYNC_STORE), container.get(CLIENT_REGISTRATION), container.get(CLOCK), QUICK_SYNC);
    const idp = await container.get(CreateIdentityProvider).execute({ name: 'Test IdP', issuer: provider.issuer, initialAccessToken: provider.initialAccessToken, change: TEST_CHANGE });
    return new DcrWorld(db, provider, app.callback(), { Authorization: token }, sync, new Rfc7591ClientRegistration(http), idp.id);
  }

  get pool(): Pool { return this.db.pool; }

  /** The job runner as the service will run it (the webhooks branch starts it with the server). */
  async startJobs(): Promise<void> {
    if (this.runner) return;
    this.runner = new GraphileWorkerJobRunner({ pgPool: this.pool, handlers: jobHandlers(DCR_JOBS, (() => this.sync) as unknown as ResolveUseCase), pollIntervalMs: 100, log: () => undefined });
    await this.runner.start();
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
    this.runner = null;
    await this.provider.stop();
    await this.db.drop();
  }

  api() {
    const server = this.server;
    const auth = this.auth;
    return {
      get: (path: string) => request(server).get(`/portal-api${path}`).set(auth),
      post: (path: string, body: object) => request(server).post(`/portal-api${path}`).set(auth).send(body),
      put: (path: string, body: object = {}) => request(server).put(`/portal-api${path}`).set(auth).send(body),
      delete: (path: string) => request(server).delete(`/portal-api${path}`).set(auth),
    };
  }

  /** The credential's row, with what the provider should know of it. */
  async credentialRow(id: number): Promise<Record<string, any> | undefined> {
    return (await this.pool.query(`SELECT * FROM portal_credentials WHERE id = $1`, [id])).rows[0];
  }

  async syncStatus(id: number): Promise<{ status: string; error: string | null } | undefined> {
    const row = await this.credentialRow(id);
    return row ? { status: row.dcr_sync_status, error: row.dcr_sync_error } : undefined;
  }

  /** Waits for the credential to leave `pending` (or for the given status). */
  async settled(id: number, status = 'synced'): Promise<Record<string, any>> {
    return eventually(`credential ${id} ${status}`, async () => {
      const row = await this.credentialRow(id);
      return row?.dcr_sync_status === status ? row : undefined;
    });
  }
}
