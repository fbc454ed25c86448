import { BrandRepository } from '../../../../application/ports/brand.repository';
import { Brand } from '../../../../domain/brand/brand';
import { BrandUrlTakenError } from '../../../../domain/brand/brand-errors';

export class InMemoryBrandRepository implements BrandRepository {
  private readonly brands = new Map<string, Brand>();
  private readonly keys = new Map<string, { brandId: string; hash: string; revoked: boolean }>();

  async add(brand: Brand): Promise<void> {
    if (this.brands.has(brand.url)) throw new BrandUrlTakenError(brand.url);
    this.brands.set(brand.url, brand);
  }

  async findByUrl(url: string): Promise<Brand | null> {
    return this.brands.get(url) ?? null;
  }

  async addKey(brandId: string, key: { id: string; hash: string }): Promise<void> {
    this.keys.set(key.id, { brandId, hash: key.hash, revoked: false });
  }

  async findActiveKeyHashes(url: string): Promise<{ brandId: string; hashes: string[] } | null> {
    const brand = this.brands.get(url);
    if (!brand) return null;
    const hashes = [...this.keys.values()].filter((k) => k.brandId === brand.id && !k.revoked).map((k) => k.hash);
    return { brandId: brand.id, hashes };
  }

  async revokeKeys(brandId: string, _revokedAt: Date, keyId?: string): Promise<string[]> {
    const revoked: string[] = [];
    for (const [id, key] of this.keys) {
      if (key.brandId !== brandId || key.revoked || (keyId !== undefined && id !== keyId)) continue;
      key.revoked = true;
      revoked.push(id);
    }
    return revoked;
  }
}
