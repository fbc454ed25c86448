/**
 * Use cases over both surfaces, run by operators or on a timer (key
 * rotation, the daily retention purge): the one list of them (see
 * jfw.use-cases.ts for what it drives).
 */
export * from './retention/purge-expired-records.use-case';
export * from './secrets/reencrypt-secrets.use-case';
export * from './audit/list-audit-entries.use-case';
