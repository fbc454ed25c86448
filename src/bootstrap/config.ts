import { invalidTrustedProxies } from '../adapters/http/shared/client-address';

/** Every setting of the service, read from the environment once at start-up. */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** Unset → embedded PostgreSQL under dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** base64 of 32 bytes; unset only with the embedded database, which keeps one in dataDir. */
  readonly secretKey: string | undefined;
  /** Older keys still accepted for decryption while data is re-encrypted. */
  readonly previousSecretKeys: readonly string[];
  readonly logLevel: string;
  /** How long auth lookups (key hashes, admin tokens) are cached; a revocation by another process waits at most this. */
  readonly authCacheTtlMs: number;
  /** Requests per Auth-Key / admin token per minute; 0 = no limit. */
  readonly rateLimitPerMinute: number;
  /** Failed authentications per client address per minute; 0 = no limit. */
  readonly authFailuresPerMinute: number;
  /** Open connections the server accepts at once. */
  readonly maxConnections: number;
  /** Open connections one client address may hold at once; 0 = no cap. */
  readonly maxConnectionsPerAddress: number;
  /** How long a request may wait on the database before it answers 503. */
  readonly dbTimeoutMs: number;
  /** When set, /metrics answers only `Authorization: Bearer <token>`. */
  readonly metricsToken: string | undefined;
  /** Days audit entries are kept; the migration step writes it into audit_policy as the owner. */
  readonly auditRetentionDays: number;
  /** Webhook URLs may use http and reach loopback and private networks (never metadata addresses). */
  readonly webhookAllowPrivate: boolean;
  /** Proxies (addresses, CIDR ranges, loopback / linklocal / uniquelocal) whose X-Forwarded-For names the client; empty = the header is ignored. */
  readonly trustedProxies: readonly string[];
}

export const CONFIG_VARIABLES: Record<string, string> = {
  PORT: 'HTTP port (default 3000; 0 = a free port, named in the "listening" log line)',
  HOST: 'interface to listen on (default 127.0.0.1)',
  DATABASE_URL: 'postgres:// URL; unset → embedded PostgreSQL in DATA_DIR',
  DATA_DIR: 'embedded database and generated secret key (default ./.data)',
  SECRET_KEY: '32 random bytes, base64: encrypts client secrets at rest (required with DATABASE_URL)',
  SECRET_KEYS_PREVIOUS: 'comma-separated older SECRET_KEYs still accepted for decryption during rotation',
  LOG_LEVEL: 'fatal | error | warn | info | debug | trace | silent (default info)',
  AUTH_CACHE_TTL_MS: 'cache of Auth-Key / portal token lookups; changes elsewhere arrive by LISTEN/NOTIFY, this bounds a missed one (default 5000, 0 = off)',
  RATE_LIMIT_PER_MINUTE: 'requests per Auth-Key / admin token per minute, then 429 (default 1200, 0 = off)',
  AUTH_FAILURES_PER_MINUTE: 'failed authentications per client address per minute, then 429 (default 20, 0 = off)',
  MAX_CONNECTIONS: 'open connections accepted at once (default 1000)',
  MAX_CONNECTIONS_PER_ADDRESS: 'open connections one client address may hold at once, by socket peer (a proxy is one address whatever TRUSTED_PROXIES says; default 64, 0 = off; raise it behind a proxy)',
  TRUSTED_PROXIES: 'comma-separated addresses, CIDR ranges, loopback, linklocal, uniquelocal: proxies whose X-Forwarded-For names the client (default none: the header is ignored)',
  DB_TIMEOUT_MS: 'longest wait on the database before a request answers 503 (default 5000)',
  AUDIT_RETENTION_DAYS: 'days audit entries are kept before the daily purge deletes them (default 365, 1 to 36500)',
  METRICS_TOKEN: 'when set (16+ characters), GET /metrics needs Authorization: Bearer <token> (default unset: open, answers reused for 1 s)',
  WEBHOOK_ALLOW_PRIVATE: 'true: webhook URLs may be http and reach loopback / private networks (tests, private deployments; default false: https to public addresses only)',
};

/** Long enough to take the lookup off nearly every request under load, short enough for a revocation to bite quickly. */
export const DEFAULT_AUTH_CACHE_TTL_MS = 5_000;

/** An integer variable within [min, max], or the default when unset; a problem line otherwise. */
function integerVariable(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    problems.push(`${name}: must be an integer from ${min} to ${max}, got "${env[name]}"`);
    return fallback;
  }
  return value;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

export function isBase64Key(value: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32;
}

/** Reads and checks the environment; every bad variable gets one line naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const port = integerVariable(env, 'PORT', 3000, 0, 65535, problems);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL: must start with postgres:// or postgresql://');
  const secretKey = env.SECRET_KEY?.trim() || undefined;
  if (secretKey !== undefined && !isBase64Key(secretKey)) problems.push('SECRET_KEY: must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  if (secretKey === undefined && databaseUrl !== undefined) problems.push('SECRET_KEY: required when DATABASE_URL is set');
  const previousSecretKeys = (env.SECRET_KEYS_PREVIOUS ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
  if (previousSecretKeys.some((k) => !isBase64Key(k))) problems.push('SECRET_KEYS_PREVIOUS: each key must be 32 bytes, base64-encoded');
  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}`);
  const host = env.HOST?.trim() || '127.0.0.1';
  const authCacheTtlMs = integerVariable(env, 'AUTH_CACHE_TTL_MS', DEFAULT_AUTH_CACHE_TTL_MS, 0, 60_000, problems);
  const rateLimitPerMinute = integerVariable(env, 'RATE_LIMIT_PER_MINUTE', 1200, 0, 1_000_000_000, problems);
  const authFailuresPerMinute = integerVariable(env, 'AUTH_FAILURES_PER_MINUTE', 20, 0, 1_000_000_000, problems);
  const maxConnections = integerVariable(env, 'MAX_CONNECTIONS', 1000, 1, 1_000_000, problems);
  const maxConnectionsPerAddress = integerVariable(env, 'MAX_CONNECTIONS_PER_ADDRESS', 64, 0, 1_000_000, problems);
  const dbTimeoutMs = integerVariable(env, 'DB_TIMEOUT_MS', 5000, 100, 600_000, problems);
  const auditRetentionDays = integerVariable(env, 'AUDIT_RETENTION_DAYS', 365, 1, 36_500, problems);
  const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
  if (metricsToken !== undefined && !/^[\x21-\x7e]{16,512}$/.test(metricsToken)) {
    problems.push('METRICS_TOKEN: must be 16 to 512 printable ASCII characters without spaces');
  }
  const allowPrivate = env.WEBHOOK_ALLOW_PRIVATE?.trim().toLowerCase() || 'false';
  if (allowPrivate !== 'true' && allowPrivate !== 'false') problems.push('WEBHOOK_ALLOW_PRIVATE: must be true or false');
  const trustedProxies = (env.TRUSTED_PROXIES ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  const invalidProxies = invalidTrustedProxies(trustedProxies);
  if (invalidProxies.length > 0) {
    problems.push(
      `TRUSTED_PROXIES: each entry must be an IP address, a CIDR range or loopback, linklocal, uniquelocal; got ${invalidProxies.map((p) => JSON.stringify(p)).join(', ')}`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port, host, databaseUrl, dataDir: env.DATA_DIR?.trim() || './.data', secretKey, previousSecretKeys, logLevel, authCacheTtlMs,
    rateLimitPerMinute, authFailuresPerMinute, maxConnections, maxConnectionsPerAddress, dbTimeoutMs, metricsToken, auditRetentionDays,
    webhookAllowPrivate: allowPrivate === 'true', trustedProxies,
  };
}
