import { PortalAdmin } from '../../domain/portal-admin/portal-admin';
import { PortalAdminRepository, PORTAL_ADMIN_REPOSITORY } from '../ports/portal-admin.repository';
import { TokenGenerator, TOKEN_GENERATOR } from '../ports/token-generator';

export interface AuthenticatePortalAdminCommand {
  /** The raw `Authorization` header value; absent when the header is missing. */
  token: string | undefined;
}

/**
 * The admin the token belongs to, or null. Missing, malformed and unknown
 * tokens all give null so the answer never says which it was.
 */
export class AuthenticatePortalAdmin {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [PORTAL_ADMIN_REPOSITORY, TOKEN_GENERATOR] as const;
  }

  constructor(private readonly admins: PortalAdminRepository, private readonly tokens: TokenGenerator) {}

  async execute(command: AuthenticatePortalAdminCommand): Promise<PortalAdmin | null> {
    const token = command.token?.trim();
    if (!token) return null;
    const admin = await this.admins.findByTokenHash(this.tokens.hash(token));
    return admin && this.tokens.matches(token, admin.tokenHash) ? admin : null;
  }
}
