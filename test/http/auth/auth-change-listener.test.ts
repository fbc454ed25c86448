import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { Client } from 'pg';
import { CreateBrandKey } from '../../../src/application/brand/create-brand-key.use-case';
import { CreateBrand } from '../../../src/application/brand/create-brand.use-case';
import { RevokeBrandKeys } from '../../../src/application/brand/revoke-brand-keys.use-case';
import { AuthChange } from '../../../src/application/ports/auth-change-feed';
import { CreatePortalAdmin } from '../../../src/application/portal-admin/create-portal-admin.use-case';
import { RevokePortalAdmin } from '../../../src/application/portal-admin/revoke-portal-admin.use-case';
import { PgAuthChangeListener } from '../../../src/adapters/persistence/typeorm/pg-auth-change-listener';
import { createContainer } from '../../../src/bootstrap/container';
import { TEST_SECRET_KEY } from '../../support/test-app';
import { testDatabase } from '../../support/test-database';
import { TEST_CHANGE } from '../../support/change';

/** Changes as the listener reports them; `next` waits for the first one `wanted` picks (other suites write too). */
function recorder(listener: PgAuthChangeListener) {
  const seen: AuthChange[] = [];
  const waiters: { wanted: (c: AuthChange) => boolean; done: (c: AuthChange) => void }[] = [];
  listener.subscribe((change) => {
    seen.push(change);
    for (const w of [...waiters]) if (w.wanted(change)) (waiters.splice(waiters.indexOf(w), 1), w.done(change));
  });
  const next = (wanted: (c: AuthChange) => boolean, timeoutMs = 10_000) =>
    new Promise<AuthChange>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no such change within ${timeoutMs} ms; seen ${JSON.stringify(seen)}`)), timeoutMs);
      waiters.push({ wanted, done: (c) => (clearTimeout(timer), done(c)) });
    });
  return { seen, next };
}

const brandChange = (url: string) => (c: AuthChange) => c.kind === 'brand' && c.url === url;

/**
 * The LISTEN side on the real database, the writes through a container of
 * their own (another process, as far as the listener can tell): the
 * schema's triggers notify on commit, never on rollback, and the listener
 * comes back after its connection is cut.
 */
describe('auth changes over PostgreSQL LISTEN/NOTIFY', function () {
  this.timeout(30_000);
  let listener: PgAuthChangeListener;
  const writer = () => createContainer({ persistence: { kind: 'typeorm', dataSource: testDatabase().dataSource }, secretKey: TEST_SECRET_KEY, authCacheTtlMs: 0 });
  const unique = () => `notify-${randomBytes(4).toString('hex')}.example.com`;

  beforeEach(async () => {
    listener = await PgAuthChangeListener.start({ url: testDatabase().url, checkEveryMs: 60_000 });
  });

  afterEach(async () => {
    await listener.close();
  });

  it('reports a brand when it is created, when a key is added and when its keys are revoked; an admin by id when created and revoked', async () => {
    const { seen, next } = recorder(listener);
    const container = writer();
    const url = unique();
    let arriving = next(brandChange(url));
    await container.get(CreateBrand).execute({ change: TEST_CHANGE, url });
    await arriving;
    arriving = next(brandChange(url));
    await container.get(CreateBrandKey).execute({ change: TEST_CHANGE, brandUrl: url });
    await arriving;
    arriving = next(brandChange(url));
    await container.get(RevokeBrandKeys).execute({ change: TEST_CHANGE, brandUrl: url });
    await arriving;

    const email = `${randomBytes(4).toString('hex')}@notify.example.com`;
    const created = next((c) => c.kind === 'portal-admin');
    await container.get(CreatePortalAdmin).execute({ change: TEST_CHANGE, email });
    const { id } = (await created) as { id: number };
    const [row] = await testDatabase().dataSource.query('SELECT id FROM portal_admins WHERE email = $1', [email]);
    expect(id).to.equal(row.id);
    const revoked = next((c) => c.kind === 'portal-admin' && c.id === id);
    await container.get(RevokePortalAdmin).execute({ change: TEST_CHANGE, email });
    await revoked;
    expect(JSON.stringify(seen), 'no token or hash travels').not.to.match(/token|hash/i);
  });

  it('says nothing of a change that was rolled back', async () => {
    const { seen, next } = recorder(listener);
    const rolledBack = unique();
    const committed = unique();
    const client = new Client({ connectionString: testDatabase().url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO brands (id, url, name) VALUES ($1, $2, 'x')`, [randomBytes(9).toString('hex'), rolledBack]);
      await client.query('ROLLBACK');
      const arriving = next(brandChange(committed));
      // Committed after the rollback on the same connection: once it arrives, the rolled-back one would have too.
      await client.query(`INSERT INTO brands (id, url, name) VALUES ($1, $2, 'x')`, [randomBytes(9).toString('hex'), committed]);
      await arriving;
    } finally {
      await client.end();
    }
    expect(seen.filter(brandChange(rolledBack))).to.deep.equal([]);
  });

  it('reports "offline" when its connection is cut and "everything" once it listens anew, then reports changes again', async () => {
    const { next } = recorder(listener);
    const lost = next((c) => c.kind === 'offline');
    const admin = new Client({ connectionString: testDatabase().url });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'integration-hub-listener' AND datname = current_database()`,
      );
      expect(rows.length).to.be.greaterThan(0);
    } finally {
      await admin.end();
    }
    await lost;
    await next((c) => c.kind === 'everything'); // reported after LISTEN succeeded on the new connection
    const url = unique();
    const arriving = next(brandChange(url));
    await writer().get(CreateBrand).execute({ change: TEST_CHANGE, url });
    await arriving;
  });
});
