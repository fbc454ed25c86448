import { NewPortalAdmin, PortalAdmin } from '../../../domain/portal/portal-admin';

export interface PortalAdminRepository {
  /** @throws PortalAdminEmailTakenError */
  create(admin: NewPortalAdmin): Promise<PortalAdmin>;
  /**
   * Tokens have ≥ 32 random bytes, so looking one up by its hash leaks
   * nothing useful through timing; callers still confirm with
   * TokenGenerator.matches.
   */
  findByTokenHash(tokenHash: string): Promise<PortalAdmin | null>;
}

export const PORTAL_ADMIN_REPOSITORY = Symbol('PortalAdminRepository');
