import { CreatePortalUser } from '../../../src/application/portal-user/create-portal-user.use-case';
import { DeletePortalUser } from '../../../src/application/portal-user/delete-portal-user.use-case';
import { GetPortalUser } from '../../../src/application/portal-user/get-portal-user.use-case';
import { ListPortalUsers } from '../../../src/application/portal-user/list-portal-users.use-case';
import { UpdatePortalUser } from '../../../src/application/portal-user/update-portal-user.use-case';
import { EmailTakenError, PortalUserNotFoundError, UserOwnsAppsError } from '../../../src/domain/portal-user/portal-user-errors';
import { ValidationError, VersionMismatchError } from '../../../src/domain/shared/domain-error';
import { expect } from 'chai';
import { PortalUserMother } from '../../support/portal/portal-mother';
import { portalTestbed, PortalTestbed, rejectionOf } from '../../support/portal/portal-testbed';
import { TEST_CHANGE } from '../../support/change';

describe('Portal user use cases', () => {
  let bed: PortalTestbed;
  beforeEach(() => (bed = portalTestbed()));

  it('creates a user with a store-assigned positive id', async () => {
    const user = await new CreatePortalUser(bed.repos.users, bed.clock).execute({ ...PortalUserMother.input({ email: 'Ada@Example.com' }), change: TEST_CHANGE });
    expect(user.id).to.equal(1);
    expect(user.email).to.equal('ada@example.com');
    expect((await bed.repos.users.findById(1))?.email).to.equal('ada@example.com');
  });

  it('refuses a second user with the same email in another case', async () => {
    await bed.givenUser({ email: 'ada@example.com' });
    const error = await rejectionOf(new CreatePortalUser(bed.repos.users, bed.clock).execute({ ...PortalUserMother.input({ email: 'ADA@example.com' }), change: TEST_CHANGE }));
    expect(error).to.be.instanceOf(EmailTakenError);
  });

  it('answers an unknown user id with PortalUserNotFound', async () => {
    expect(await rejectionOf(new GetPortalUser(bed.repos.users).execute({ userId: 99 }))).to.be.instanceOf(PortalUserNotFoundError);
  });

  it('lists users a page at a time with the total', async () => {
    for (let i = 0; i < 3; i++) await bed.givenUser();
    const page = await new ListPortalUsers(bed.repos.users).execute({ page: 2, perPage: 2 });
    expect(page.total).to.equal(3);
    expect(page.items.map((u) => u.id)).to.deep.equal([3]);
  });

  it('refuses a page size above 100', async () => {
    expect(await rejectionOf(new ListPortalUsers(bed.repos.users).execute({ perPage: 101 }))).to.be.instanceOf(ValidationError);
  });

  it('updates only the given fields', async () => {
    const user = await bed.givenUser({ first: 'Ada', last: 'Lovelace' });
    const updated = await new UpdatePortalUser(bed.repos.users, bed.clock).execute({ change: TEST_CHANGE, userId: user.id, changes: { last: 'Byron' } });
    expect(updated).to.include({ first: 'Ada', last: 'Byron', version: 2 });
  });

  it('refuses an update carrying a stale version and keeps the user', async () => {
    const user = await bed.givenUser({ last: 'Lovelace' });
    const error = await rejectionOf(
      new UpdatePortalUser(bed.repos.users, bed.clock).execute({ change: TEST_CHANGE, userId: user.id, changes: { last: 'X' }, expectedVersion: 5 }),
    );
    expect(error).to.be.instanceOf(VersionMismatchError);
    expect((await bed.repos.users.findById(user.id))?.last).to.equal('Lovelace');
  });

  it('refuses to take over another user\'s email on update', async () => {
    await bed.givenUser({ email: 'taken@example.com' });
    const user = await bed.givenUser();
    const error = await rejectionOf(
      new UpdatePortalUser(bed.repos.users, bed.clock).execute({ change: TEST_CHANGE, userId: user.id, changes: { email: 'taken@example.com' } }),
    );
    expect(error).to.be.instanceOf(EmailTakenError);
  });

  it('deletes a user who owns no apps', async () => {
    const user = await bed.givenUser();
    await new DeletePortalUser(bed.repos.users, bed.clock).execute({ change: TEST_CHANGE, userId: user.id });
    expect(await bed.repos.users.findById(user.id)).to.equal(null);
  });

  it('refuses to delete a user who owns apps', async () => {
    const user = await bed.givenUser();
    await bed.givenApp({ userId: user.id });
    expect(await rejectionOf(new DeletePortalUser(bed.repos.users, bed.clock).execute({ change: TEST_CHANGE, userId: user.id }))).to.be.instanceOf(UserOwnsAppsError);
    expect(await bed.repos.users.findById(user.id)).to.not.equal(null);
  });
});
