import request from 'supertest';
import { CreatePortalAdmin } from '../../../src/application/portal-admin/create-portal-admin.use-case';
import { createTestApp, TestApp } from '../../support/test-app';
import { rememberSecret } from '../../support/suite-secrets';
import { testDatabase } from '../../support/test-database';
import { TEST_CHANGE } from '../../support/change';

let counter = 0;

export interface PortalClient {
  readonly t: TestApp;
  readonly auth: { Authorization: string };
  readonly token: string;
  aUser(overrides?: Record<string, unknown>): Promise<Record<string, any>>;
  anApp(overrides?: Record<string, unknown>): Promise<Record<string, any>>;
  aProduct(authType: string, scopes?: string): Promise<Record<string, any>>;
  /** Provisions and returns the new access request's id. */
  provision(appId: number, productIds: number[]): Promise<number>;
}

/** The real app on the test PostgreSQL, an admin token, and givens through the API itself. */
export async function portalClient(): Promise<PortalClient> {
  const t = createTestApp();
  const n = `${process.pid}-${Date.now().toString(36)}-${++counter}`;
  const { token } = await t.container.get(CreatePortalAdmin).execute({ change: TEST_CHANGE, email: `admin-${n}@example.com` });
  rememberSecret(token);
  const auth = { Authorization: token };
  const client: PortalClient = {
    t,
    auth,
    token,
    async aUser(overrides = {}) {
      const body = { Email: `dev-${n}-${++counter}@example.com`, First: 'Ada', Last: 'Lovelace', Role: 'consumer-admin', ...overrides };
      return (await request(t.server).post('/portal-api/users').set(auth).send(body).expect(201)).body;
    },
    async anApp(overrides = {}) {
      const userId = overrides.UserID ?? (await client.aUser()).ID;
      const body = { Name: 'Payment App', RedirectURLs: 'https://app-host/auth', UserID: userId, ...overrides };
      return (await request(t.server).post('/portal-api/apps').set(auth).send(body).expect(201)).body;
    },
    async aProduct(authType, scopes = 'payment client') {
      const body = { Name: `Payment API ${++counter}`, AuthType: authType, Scopes: scopes };
      return (await request(t.server).post('/portal-api/products').set(auth).send(body).expect(201)).body;
    },
    async provision(appId, productIds) {
      const res = await request(t.server).put(`/portal-api/apps/${appId}/provision`).set(auth)
        .send({ Products: productIds, Plan: 'Free plan', Catalogue: 'Public Catalogue' }).expect(200);
      return Number(/(\d+)/.exec(res.body.message)![1]);
    },
  };
  return client;
}

export async function row(table: string, id: number): Promise<Record<string, unknown> | undefined> {
  const rows = await testDatabase().dataSource.query(`SELECT * FROM ${table} WHERE id = $1`, [id]);
  return rows[0];
}
