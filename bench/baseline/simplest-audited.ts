/**
 * The bench's `simplestAudited` target: the simplest correct handler
 * (simplest.ts) sending the service's audited writes, so that it does all
 * the work the contract asks of a write today — the audit entry and the
 * outbox event in the write's own statement — and still no framework.
 */
process.env.BASELINE_WRITE = 'audited';
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./simplest');
