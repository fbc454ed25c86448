import { expectNoSecretInAudit } from '../support/audit-secret-scan';

/**
 * Runs after the HTTP suites (files are taken in name order): everything the
 * suite wrote through both surfaces and the command line left audit entries
 * and events; none of them may hold a secret the suite created or was shown.
 */
describe('no secret in any audit entry or event of the suite', () => {
  it('finds none of the client secrets, keys, tokens or credentials in audit_entries, outbox_events or delivery attempts', async () => {
    await expectNoSecretInAudit(500);
  });
});
