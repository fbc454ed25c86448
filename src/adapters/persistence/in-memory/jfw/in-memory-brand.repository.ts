import { ActiveKeyHashes, BrandRepository } from '../../../../application/ports/brand.repository';
import { Brand } from '../../../../domain/brand/brand';
import { BrandUrlTakenError } from '../../../../domain/brand/brand-errors';
import { ChangeContext } from '../../../../domain/audit/change-context';
import { InMemoryAuditTrail } from '../in-memory-audit-trail';
import { fieldChanges } from '../../../../domain/audit/recorded-change';

export class InMemoryBrandRepository implements BrandRepository {
  private readonly brands = new Map<string, Brand>();
  private readonly keys = new Map<string, { brandId: string; hash: string; revoked: boolean }>();

  constructor(private readonly audit: InMemoryAuditTrail = new InMemoryAuditTrail()) {}

  async add(brand: Brand, change: ChangeContext): Promise<void> {
    if (this.brands.has(brand.url)) throw new BrandUrlTakenError(brand.url);
    this.brands.set(brand.url, brand);
    this.audit.record(change, {
      at: new Date(), surface: 'jfw', brandId: brand.id, action: 'created', resource: { type: 'brand', id: brand.id },
      changes: fieldChanges(null, { url: brand.url, name: brand.name }, ['url', 'name']),
    });
  }

  async findByUrl(url: string): Promise<Brand | null> {
    return this.brands.get(url) ?? null;
  }

  async addKey(brandId: string, key: { id: string; hash: string; createdAt: Date }, change: ChangeContext): Promise<void> {
    this.keys.set(key.id, { brandId, hash: key.hash, revoked: false });
    this.audit.record(change, {
      at: key.createdAt, surface: 'jfw', brandId, action: 'created', resource: { type: 'brand-key', id: key.id },
      changes: [{ field: 'key', changed: true }],
    });
  }

  async findActiveKeyHashes(url: string): Promise<ActiveKeyHashes | null> {
    const brand = this.brands.get(url);
    if (!brand) return null;
    const active = [...this.keys.entries()].filter(([, k]) => k.brandId === brand.id && !k.revoked);
    return { brandId: brand.id, hashes: active.map(([, k]) => k.hash), keyIds: active.map(([id]) => id) };
  }

  async revokeKeys(brandId: string, revokedAt: Date, change: ChangeContext, keyId?: string): Promise<string[]> {
    const revoked: string[] = [];
    for (const [id, key] of this.keys) {
      if (key.brandId !== brandId || key.revoked || (keyId !== undefined && id !== keyId)) continue;
      key.revoked = true;
      revoked.push(id);
    }
    revoked.sort();
    if (revoked.length > 0) {
      this.audit.record(change, {
        at: revokedAt, surface: 'jfw', brandId, action: 'revoked', resource: { type: 'brand', id: brandId },
        changes: [{ field: 'revokedKeyIds', from: null, to: revoked }],
      });
    }
    return revoked;
  }
}
