import { ChangeContext } from '../../domain/audit/change-context';
import { BrandNotFoundError } from '../../domain/brand/brand-errors';
import { BrandUrl } from '../../domain/brand/brand-url';
import { BrandRepository, BRAND_REPOSITORY } from '../ports/brand.repository';
import { Clock, CLOCK } from '../ports/clock';
import { IdGenerator, ID_GENERATOR } from '../ports/id-generator';
import { TokenGenerator, TOKEN_GENERATOR } from '../ports/token-generator';

/** `cli keys:create`: issues an Auth-Key. The key is returned this once; only its hash is kept. */
export class CreateBrandKey {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [BRAND_REPOSITORY, ID_GENERATOR, TOKEN_GENERATOR, CLOCK] as const;
  }

  constructor(
    private readonly brands: BrandRepository,
    private readonly ids: IdGenerator,
    private readonly tokens: TokenGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: { readonly brandUrl: string; readonly change: ChangeContext }): Promise<{ brandUrl: string; keyId: string; authKey: string }> {
    const url = BrandUrl.normalise(command.brandUrl);
    const brand = await this.brands.findByUrl(url);
    if (brand === null) throw new BrandNotFoundError(url);
    const authKey = this.tokens.generate('ihk_');
    const keyId = this.ids.next();
    await this.brands.addKey(brand.id, { id: keyId, hash: this.tokens.hash(authKey), createdAt: this.clock.now() }, command.change);
    return { brandUrl: brand.url, keyId, authKey };
  }
}
