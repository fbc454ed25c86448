import { ValidationError } from '../shared/domain-error';

const HOST_WITH_PATH = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?(\/[A-Za-z0-9._~%!$&'()*+,;=:@-]+)*$/;

/**
 * A brand is addressed by a host name with an optional path. Callers may
 * send it with a scheme or a trailing slash; both are dropped before lookup.
 */
export class BrandUrl {
  private constructor(readonly value: string) {}

  static normalise(raw: string): string {
    return raw.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
  }

  static create(raw: string): BrandUrl {
    const value = BrandUrl.normalise(raw);
    if (value.length === 0 || value.length > 255 || !HOST_WITH_PATH.test(value)) {
      throw ValidationError.single('url', 'must be a host name with an optional path, e.g. acme.example.com/eu');
    }
    return new BrandUrl(value);
  }
}
