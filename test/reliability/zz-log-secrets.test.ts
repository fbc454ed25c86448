import { expect } from 'chai';
import { expectNoSecretInAudit } from '../support/audit-secret-scan';
import { suiteLogs, suiteSecrets } from '../support/suite-secrets';

/**
 * Runs last (the script sorts the files): every log line the suite produced —
 * the in-process loggers of the test apps and the stdout/stderr of the child
 * servers — against every secret the suite created or was shown.
 */
describe('reliability: no secret in any log of the suite', () => {
  it('finds none of the client secrets, auth keys, admin tokens, credentials or database passwords in the logs', () => {
    const secrets = suiteSecrets();
    const logs = suiteLogs();
    const lines = logs.reduce((n, log) => n + log.text.split('\n').filter((l) => l.trim() !== '').length, 0);
    const leaks = logs.flatMap((log) => secrets.filter((secret) => log.text.includes(secret)).map((secret) => `${log.name}: ${secret.slice(0, 6)}…`));
    console.log(`      ${secrets.length} secrets × ${logs.length} log sources (${lines} lines, ${logs.reduce((n, l) => n + l.text.length, 0)} chars): ${leaks.length} leaks`);
    expect(secrets.length).to.be.greaterThan(100);
    expect(lines).to.be.greaterThan(1000);
    expect(leaks).to.deep.equal([]);
  });

  it('finds none of them in audit_entries.changes, outbox_events.body or webhook_delivery_attempts.error', async () => {
    await expectNoSecretInAudit(100);
  });
});
