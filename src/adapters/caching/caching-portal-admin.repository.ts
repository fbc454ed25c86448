import { ChangeContext } from '../../domain/audit/change-context';
import { AuthChangeFeed } from '../../application/ports/auth-change-feed';
import { Clock } from '../../application/ports/clock';
import { PortalAdminRepository } from '../../application/ports/portal-admin.repository';
import { NewPortalAdmin, PortalAdmin } from '../../domain/portal-admin/portal-admin';
import { TtlCache } from './ttl-cache';

/**
 * Keeps admins found by token hash for `ttlMs`. Revoking through this process
 * drops the cache at once; a revocation by another process (the CLI, another
 * instance) drops the admin's entry when `changes` reports it, and at most
 * `ttlMs` later if that report is lost or there is no feed. Unknown tokens
 * are not cached.
 */
export class CachingPortalAdminRepository implements PortalAdminRepository {
  private readonly cache: TtlCache<string, PortalAdmin>;

  constructor(
    private readonly inner: PortalAdminRepository,
    clock: Clock,
    ttlMs: number,
    changes?: AuthChangeFeed,
  ) {
    this.cache = new TtlCache(clock, ttlMs);
    changes?.subscribe((change) => {
      if (change.kind === 'everything') this.cache.clear();
      else if (change.kind === 'offline') this.cache.suspend();
      else if (change.kind === 'portal-admin') this.cache.deleteWhere((_hash, admin) => admin.id === change.id);
    });
  }

  create(admin: NewPortalAdmin, change: ChangeContext): Promise<PortalAdmin> {
    return this.inner.create(admin, change);
  }

  async revoke(email: string, at: Date, change: ChangeContext): Promise<boolean> {
    try {
      return await this.inner.revoke(email, at, change);
    } finally {
      this.cache.clear();
    }
  }

  async findByTokenHash(tokenHash: string): Promise<PortalAdmin | null> {
    const cached = this.cache.get(tokenHash);
    if (cached !== undefined) return cached;
    const generation = this.cache.generation;
    const found = await this.inner.findByTokenHash(tokenHash);
    if (found !== null) this.cache.set(tokenHash, found, generation);
    return found;
  }
}
