import { token } from './token';
import { ChangeContext } from '../../domain/audit/change-context';

import { NewPortalAdmin, PortalAdmin } from '../../domain/portal-admin/portal-admin';

export interface PortalAdminRepository {
  /** @throws PortalAdminEmailTakenError */
  create(admin: NewPortalAdmin, change: ChangeContext): Promise<PortalAdmin>;
  /**
   * Tokens have ≥ 32 random bytes, so looking one up by its hash leaks
   * nothing useful through timing; callers still confirm with
   * TokenGenerator.matches.
   */
  findByTokenHash(tokenHash: string): Promise<PortalAdmin | null>;
  /**
   * Removes the admin with `email`, so its token no longer authenticates;
   * false when there was none. Takes effect at once for lookups through the
   * same repository, even a caching one.
   */
  revoke(email: string, at: Date, change: ChangeContext): Promise<boolean>;
}

export const PORTAL_ADMIN_REPOSITORY = token<PortalAdminRepository>('PortalAdminRepository');
