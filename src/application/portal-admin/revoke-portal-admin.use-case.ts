import { ChangeContext } from '../../domain/audit/change-context';
import { Clock, CLOCK } from '../ports/clock';
import { PortalEmail } from '../../domain/portal-user/portal-email';
import { PortalAdminNotFoundError } from '../../domain/portal-admin/portal-admin-errors';
import { PortalAdminRepository, PORTAL_ADMIN_REPOSITORY } from '../ports/portal-admin.repository';

/** `cli portal-admins:revoke`: the admin's token stops authenticating (see PortalAdminRepository.revoke). */
export class RevokePortalAdmin {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_ADMIN_REPOSITORY, CLOCK] as const;
  }

  constructor(private readonly admins: PortalAdminRepository, private readonly clock: Clock) {}

  /** @throws ValidationError, PortalAdminNotFoundError */
  async execute(command: { email: string; readonly change: ChangeContext }): Promise<{ email: string }> {
    const email = PortalEmail.create(command.email).value;
    if (!(await this.admins.revoke(email, this.clock.now(), command.change))) throw new PortalAdminNotFoundError(email);
    return { email };
  }
}
