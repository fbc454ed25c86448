import { UnauthorizedError } from '../../domain/brand/brand-errors';
import { BrandUrl } from '../../domain/brand/brand-url';
import { BrandRepository } from '../ports/brand.repository';
import { TokenGenerator } from '../ports/token-generator';

export interface AuthenticateBrandCommand {
  readonly brandUrl: string;
  readonly authKey: string | undefined;
}

/** Resolves Brand-URL + Auth-Key to the brand they prove; one error for every failure. */
export class AuthenticateBrand {
  constructor(
    private readonly brands: BrandRepository,
    private readonly tokens: TokenGenerator,
  ) {}

  async execute(command: AuthenticateBrandCommand): Promise<{ brandId: string }> {
    const key = command.authKey;
    if (key === undefined || key === '' || key.length > 512) throw new UnauthorizedError();
    const found = await this.brands.findActiveKeyHashes(BrandUrl.normalise(command.brandUrl));
    // Compare against every key so the time taken does not tell which one matched.
    const matched = found?.hashes.reduce((hit, hash) => this.tokens.matches(key, hash) || hit, false) ?? false;
    if (!found || !matched) throw new UnauthorizedError();
    return { brandId: found.brandId };
  }
}
