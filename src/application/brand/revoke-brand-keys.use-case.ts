import { ChangeContext } from '../../domain/audit/change-context';
import { BrandKeyNotFoundError, BrandNotFoundError } from '../../domain/brand/brand-errors';
import { BrandUrl } from '../../domain/brand/brand-url';
import { BrandRepository, BRAND_REPOSITORY } from '../ports/brand.repository';
import { Clock, CLOCK } from '../ports/clock';

export interface RevokeBrandKeysCommand {
  readonly brandUrl: string;
  /** One key (as `keys:create` printed it); absent revokes every active key of the brand. */
  readonly keyId?: string;
  readonly change: ChangeContext;
}

/** `cli keys:revoke`: the revoked keys stop authenticating (see BrandRepository.revokeKeys). */
export class RevokeBrandKeys {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [BRAND_REPOSITORY, CLOCK] as const;
  }

  constructor(
    private readonly brands: BrandRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: RevokeBrandKeysCommand): Promise<{ brandUrl: string; revokedKeyIds: string[] }> {
    const url = BrandUrl.normalise(command.brandUrl);
    const brand = await this.brands.findByUrl(url);
    if (brand === null) throw new BrandNotFoundError(url);
    const revokedKeyIds = await this.brands.revokeKeys(brand.id, this.clock.now(), command.change, command.keyId);
    if (revokedKeyIds.length === 0) throw new BrandKeyNotFoundError(brand.url, command.keyId);
    return { brandUrl: brand.url, revokedKeyIds };
  }
}
