import { AuthenticatePortalAdmin } from '../../../src/application/portal-admin/authenticate-portal-admin.use-case';
import { CreatePortalAdmin } from '../../../src/application/portal-admin/create-portal-admin.use-case';
import { PortalAdminEmailTakenError } from '../../../src/domain/portal-admin/portal-admin-errors';
import { expect } from 'chai';
import { portalTestbed, PortalTestbed, rejectionOf } from '../../support/portal/portal-testbed';
import { TEST_CHANGE } from '../../support/change';

describe('Portal admin use cases', () => {
  let bed: PortalTestbed;
  let create: CreatePortalAdmin;
  let authenticate: AuthenticatePortalAdmin;
  beforeEach(() => {
    bed = portalTestbed();
    create = new CreatePortalAdmin(bed.repos.admins, bed.tokens, bed.clock);
    authenticate = new AuthenticatePortalAdmin(bed.repos.admins, bed.tokens);
  });

  it('returns the token once and stores only its hash', async () => {
    const { admin, token } = await create.execute({ change: TEST_CHANGE, email: 'ops@example.com' });
    expect(admin.tokenHash).to.equal(bed.tokens.hash(token));
    expect(admin.tokenHash).to.not.include(token);
  });

  it('refuses a second admin with the same email', async () => {
    await create.execute({ change: TEST_CHANGE, email: 'ops@example.com' });
    expect(await rejectionOf(create.execute({ change: TEST_CHANGE, email: 'OPS@example.com' }))).to.be.instanceOf(PortalAdminEmailTakenError);
  });

  it('authenticates the token it issued', async () => {
    const { admin, token } = await create.execute({ change: TEST_CHANGE, email: 'ops@example.com' });
    expect((await authenticate.execute({ token }))?.id).to.equal(admin.id);
  });

  it('refuses a wrong, blank or missing token', async () => {
    const { token } = await create.execute({ change: TEST_CHANGE, email: 'ops@example.com' });
    expect(await authenticate.execute({ token: token + 'x' })).to.equal(null);
    expect(await authenticate.execute({ token: '  ' })).to.equal(null);
    expect(await authenticate.execute({ token: undefined })).to.equal(null);
  });
});
