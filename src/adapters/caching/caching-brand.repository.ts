import { BrandRepository } from '../../application/ports/brand.repository';
import { Clock } from '../../application/ports/clock';
import { Brand } from '../../domain/brand/brand';
import { TtlCache } from './ttl-cache';

type ActiveKeys = { brandId: string; hashes: string[] };

/**
 * Keeps the answer of the auth lookup (brand URL → active key hashes) for
 * `ttlMs`, so a request does not pay a round trip for it. Keys added or
 * revoked through this process drop the cache at once; a key revoked by
 * another process (the CLI, another replica) stops working at most `ttlMs`
 * later, and a key created elsewhere may be refused for up to `ttlMs` if its
 * brand was looked up just before. Unknown brands are not cached, so garbage
 * Brand-URLs cannot fill the cache.
 */
export class CachingBrandRepository implements BrandRepository {
  private readonly cache: TtlCache<string, ActiveKeys>;

  constructor(
    private readonly inner: BrandRepository,
    clock: Clock,
    ttlMs: number,
  ) {
    this.cache = new TtlCache(clock, ttlMs);
  }

  add(brand: Brand): Promise<void> {
    return this.inner.add(brand);
  }

  findByUrl(url: string): Promise<Brand | null> {
    return this.inner.findByUrl(url);
  }

  async addKey(brandId: string, key: { id: string; hash: string; createdAt: Date }): Promise<void> {
    await this.inner.addKey(brandId, key);
    this.cache.clear();
  }

  async revokeKeys(brandId: string, revokedAt: Date, keyId?: string): Promise<string[]> {
    try {
      return await this.inner.revokeKeys(brandId, revokedAt, keyId);
    } finally {
      // Also when the write failed half-way: dropping the cache is always safe.
      this.cache.clear();
    }
  }

  async findActiveKeyHashes(url: string): Promise<ActiveKeys | null> {
    const cached = this.cache.get(url);
    if (cached !== undefined) return cached;
    const generation = this.cache.generation;
    const found = await this.inner.findActiveKeyHashes(url);
    if (found !== null) this.cache.set(url, found, generation);
    return found;
  }
}
