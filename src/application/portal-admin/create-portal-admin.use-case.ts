import { ChangeContext } from '../../domain/audit/change-context';
import { PortalAdmin } from '../../domain/portal-admin/portal-admin';
import { Clock, CLOCK } from '../ports/clock';
import { PortalAdminRepository, PORTAL_ADMIN_REPOSITORY } from '../ports/portal-admin.repository';
import { TokenGenerator, TOKEN_GENERATOR } from '../ports/token-generator';

export interface CreatePortalAdminCommand {
  email: string;
  readonly change: ChangeContext;
}

export interface CreatedPortalAdmin {
  readonly admin: PortalAdmin;
  /** Shown this once; only its hash is stored. */
  readonly token: string;
}

/** @throws ValidationError, PortalAdminEmailTakenError */
export class CreatePortalAdmin {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_ADMIN_REPOSITORY, TOKEN_GENERATOR, CLOCK] as const;
  }

  constructor(
    private readonly admins: PortalAdminRepository,
    private readonly tokens: TokenGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreatePortalAdminCommand): Promise<CreatedPortalAdmin> {
    const token = this.tokens.generate();
    const admin = await this.admins.create(PortalAdmin.create(command.email, this.tokens.hash(token), this.clock.now()), command.change);
    return { admin, token };
  }
}
