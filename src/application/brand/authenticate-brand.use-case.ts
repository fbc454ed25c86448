import { CredentialNotRecognisedError } from '../../domain/brand/brand-errors';
import { BrandUrl } from '../../domain/brand/brand-url';
import { BrandRepository, BRAND_REPOSITORY } from '../ports/brand.repository';
import { TokenGenerator, TOKEN_GENERATOR } from '../ports/token-generator';

export interface AuthenticateBrandCommand {
  readonly brandUrl: string;
  readonly authKey: string | undefined;
}

/** Keys are 43 base64url characters; anything much longer is not one of ours. */
export const MAX_AUTH_KEY_LENGTH = 512;
/** The longest brand URL stored; a longer one names no brand, so there is nothing to look up. */
const MAX_STORED_BRAND_URL = 255;
/** A SHA-256 no key hashes to: what an unknown brand's presented key is compared against. */
const UNMATCHABLE_HASH = '0'.repeat(64);

/**
 * Resolves Brand-URL + Auth-Key to the brand they prove; one error for every
 * failure. An unknown brand costs what a known brand with a wrong key costs
 * (the same lookup, cached alike by the repository, and one hash comparison),
 * so neither the answer nor its timing tells which brands exist.
 */
export class AuthenticateBrand {
  /** The constructor's ports, in order; read when the container binds. */
  static get ports() {
    return [BRAND_REPOSITORY, TOKEN_GENERATOR] as const;
  }

  constructor(
    private readonly brands: BrandRepository,
    private readonly tokens: TokenGenerator,
  ) {}

  /** The brand, and the id of the key that proved it (the actor its writes are recorded under). */
  async execute(command: AuthenticateBrandCommand): Promise<{ brandId: string; keyId: string }> {
    const key = command.authKey;
    if (key === undefined || key === '' || key.length > MAX_AUTH_KEY_LENGTH) throw new CredentialNotRecognisedError();
    const url = BrandUrl.normalise(command.brandUrl);
    const found = url.length <= MAX_STORED_BRAND_URL ? await this.brands.findActiveKeyHashes(url) : null;
    const hashes = found === null || found.hashes.length === 0 ? [UNMATCHABLE_HASH] : found.hashes;
    // Compare against every key so the time taken does not tell which one matched.
    const matched = hashes.reduce((hit, hash, i) => (this.tokens.matches(key, hash) ? i : hit), -1);
    if (found === null || matched < 0) throw new CredentialNotRecognisedError();
    return { brandId: found.brandId, keyId: found.keyIds[matched]! };
  }
}
