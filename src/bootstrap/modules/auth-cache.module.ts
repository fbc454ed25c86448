import { ContainerModule } from 'inversify';
import { AuthChangeFeed } from '../../application/ports/auth-change-feed';
import { BRAND_REPOSITORY, BrandRepository } from '../../application/ports/brand.repository';
import { CLOCK, Clock } from '../../application/ports/clock';
import { PORTAL_ADMIN_REPOSITORY, PortalAdminRepository } from '../../application/ports/portal-admin.repository';
import { CachingBrandRepository } from '../../adapters/caching/caching-brand.repository';
import { CachingPortalAdminRepository } from '../../adapters/caching/caching-portal-admin.repository';

/**
 * Wraps whichever brand and portal-admin repositories the persistence module
 * bound in caching decorators (Inversify's onActivation: the decorator
 * replaces the instance everyone gets). One decorator per container, so
 * revocations through this container invalidate the cache its requests use;
 * `changes` (the server's LISTEN/NOTIFY feed) brings those of other processes.
 */
export function authCacheModule(ttlMs: number, changes?: AuthChangeFeed): ContainerModule {
  return new ContainerModule(({ onActivation }) => {
    if (ttlMs <= 0) return;
    onActivation<BrandRepository>(BRAND_REPOSITORY, (context, inner) =>
      new CachingBrandRepository(inner, context.get<Clock>(CLOCK), ttlMs, changes));
    onActivation<PortalAdminRepository>(PORTAL_ADMIN_REPOSITORY, (context, inner) =>
      new CachingPortalAdminRepository(inner, context.get<Clock>(CLOCK), ttlMs, changes));
  });
}
