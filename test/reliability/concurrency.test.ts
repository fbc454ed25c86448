import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { expect } from 'chai';
import { aBrandWithKey, createTestApp, TestApp } from '../support/test-app';
import { testDatabase } from '../support/test-database';
import { createDataSource } from '../../src/adapters/persistence/typeorm/data-source';
import type { DataSource } from 'typeorm';
import { anIntegrationAuthenticationBody } from '../support/integration-authentication.mother';

const PATH = '/api/v1/app-integrations/authentication';

/** Real sockets, not supertest's in-process calls: the requests truly overlap. */
async function listen(t: TestApp): Promise<{ base: string; server: Server }> {
  const server = t.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The audit entries and events recorded for `ids` with `action` (docs/events-and-audit.md): one per acknowledged write. */
async function recordedFor(ids: readonly string[], action: string): Promise<{ entries: number; events: number; defaultChanged: number }> {
  const [row] = await testDatabase().dataSource.query(
    `SELECT count(DISTINCT a.id)::int AS entries, count(e.id)::int AS events,
            count(e.id) FILTER (WHERE e.type = 'integration-authentication.default-changed')::int AS "defaultChanged"
       FROM audit_entries a LEFT JOIN outbox_events e ON e.audit_entry_id = a.id
      WHERE a.resource_type = 'integration-authentication' AND a.resource_id = ANY($1) AND a.action = $2`,
    [ids, action],
  );
  return row;
}

async function send(base: string, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { data: { id: string } } };
}

describe('reliability: concurrent writes', function () {
  this.timeout(120_000);
  let t: TestApp;
  let base: string;
  let server: Server;
  let headers: Record<string, string>;

  let dataSource: DataSource;

  /**
   * These cases check what concurrent writes leave behind, not how fast: on a
   * loaded machine 200 writes queued on one pool can pass DB_TIMEOUT_MS and
   * answer 503 (its documented answer; the hung-database case covers it), so
   * they get a pool and a deadline of their own, long enough not to.
   */
  before(async () => {
    dataSource = await createDataSource({ url: testDatabase().url, poolSize: 20, timeoutMs: 60_000 }).initialize();
    t = createTestApp({ dataSource, dbTimeoutMs: 60_000 });
    ({ base, server } = await listen(t));
    ({ headers } = await aBrandWithKey(t.container));
  });

  after(async () => {
    server.close();
    await dataSource.destroy();
  });

  it('100 concurrent requests making different configurations the default leave exactly one default, no 5xx', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push((await send(base, 'POST', PATH, headers, anIntegrationAuthenticationBody())).body.data.id);
    const started = Date.now();
    const answers = await Promise.all(ids.map((id) => send(base, 'PUT', `${PATH}/${id}`, headers, anIntegrationAuthenticationBody({ isDefault: true }))));
    const statuses = answers.map((a) => a.status);
    const [row] = await testDatabase().dataSource.query(
      'SELECT count(*)::int AS defaults FROM integration_authentications WHERE id = ANY($1) AND is_default',
      [ids],
    );
    console.log(`      100 concurrent default claims: ${statuses.filter((s) => s === 200).length}× 200, ${Date.now() - started} ms, defaults after: ${row.defaults}`);
    expect(statuses.filter((s) => s >= 500)).to.deep.equal([]);
    expect(statuses.every((s) => s === 200)).to.equal(true);
    expect(row.defaults).to.equal(1);
    // Each acknowledged write recorded exactly one entry and one event, in its own statement; each made its row the default.
    const recorded = await recordedFor(ids, 'updated');
    console.log(`      audit: ${recorded.entries} entries, ${recorded.events} events (${recorded.defaultChanged} default-changed)`);
    expect(recorded).to.deep.equal({ entries: 100, events: 100, defaultChanged: 100 });
  });

  it('200 concurrent PUTs with the same If-Match: exactly one 200, the rest 412', async () => {
    const created = await send(base, 'POST', PATH, headers, anIntegrationAuthenticationBody());
    const id = created.body.data.id;
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        send(base, 'PUT', `${PATH}/${id}`, { ...headers, 'If-Match': '"1"' }, anIntegrationAuthenticationBody({ name: `writer ${i}` })),
      ),
    );
    const ok = answers.filter((a) => a.status === 200).length;
    const stale = answers.filter((a) => a.status === 412).length;
    const others = answers.filter((a) => a.status !== 200 && a.status !== 412).map((a) => `${a.status} ${JSON.stringify(a.body).slice(0, 120)}`);
    console.log(`      200 concurrent conditional PUTs: ${ok}× 200, ${stale}× 412${others.length ? `; others: ${others.slice(0, 3).join(' | ')}` : ''}`);
    expect(ok).to.equal(1);
    expect(stale).to.equal(199);
    const [row] = await testDatabase().dataSource.query('SELECT version FROM integration_authentications WHERE id = $1', [id]);
    expect(row.version).to.equal(2);
    // The 199 refused writes left nothing: one entry and one event, those of the one 200.
    expect(await recordedFor([id], 'updated')).to.deep.equal({ entries: 1, events: 1, defaultChanged: 0 });
  });
});
