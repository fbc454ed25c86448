import { ValidationError } from '../shared/domain-error';
import { MAX_TEXT_LENGTH } from '../shared/limits';

const HOST_WITH_PATH = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?(\/[A-Za-z0-9._~%!$&'()*+,;=:@-]+)*$/;
/** Longer than any brand URL we store (255) with room for a scheme and slashes; the HTTP edge refuses longer headers first. */
export const MAX_BRAND_URL_INPUT = MAX_TEXT_LENGTH;

/**
 * A brand is addressed by a host name with an optional path. Callers may
 * send it with a scheme or a trailing slash; both are dropped before lookup.
 */
export class BrandUrl {
  private constructor(readonly value: string) {}

  /**
   * Linear in the input, whatever it holds: the trailing slashes are cut by
   * a scan from the end, not by a regular expression (`/\/+$/` backtracks
   * quadratically on a long run of slashes followed by anything else).
   */
  static normalise(raw: string): string {
    let value = raw.trim().toLowerCase();
    if (value.startsWith('https://')) value = value.slice(8);
    else if (value.startsWith('http://')) value = value.slice(7);
    let end = value.length;
    while (end > 0 && value.charCodeAt(end - 1) === 0x2f) end--;
    return value.slice(0, end);
  }

  static create(raw: string): BrandUrl {
    if (raw.length > MAX_BRAND_URL_INPUT) throw ValidationError.single('url', `must be at most ${MAX_BRAND_URL_INPUT} characters`);
    const value = BrandUrl.normalise(raw);
    if (value.length === 0 || value.length > 255 || !HOST_WITH_PATH.test(value)) {
      throw ValidationError.single('url', 'must be a host name with an optional path, e.g. acme.example.com/eu');
    }
    return new BrandUrl(value);
  }
}
