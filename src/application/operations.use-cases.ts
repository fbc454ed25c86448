/**
 * Use cases over both surfaces, run by operators (key rotation): the one
 * list of them (see jfw.use-cases.ts for what it drives). The webhook use
 * cases are not here yet: the job queue builds them itself until the
 * delivery is wired into the container.
 */
export * from './secrets/reencrypt-secrets.use-case';
export * from './audit/list-audit-entries.use-case';
