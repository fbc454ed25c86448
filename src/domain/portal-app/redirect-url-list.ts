import { ValidationError } from '../shared/domain-error';
import { assertRedirectUri } from '../shared/urls';
import { MAX_TEXT_LENGTH } from '../shared/limits';

const MAX_LENGTH = MAX_TEXT_LENGTH;

/**
 * The comma-separated redirect URLs of an app, as Tyk stores them. The empty
 * string is a valid list: an app that uses no redirect-based grant.
 */
export class RedirectUrlList {
  static readonly EMPTY = new RedirectUrlList([]);

  private constructor(readonly urls: readonly string[]) {}

  /** The canonical wire form: items trimmed, joined by a bare comma. */
  get value(): string {
    return this.urls.join(',');
  }

  static create(raw: string, field = 'redirectUrls'): RedirectUrlList {
    if (raw.length > MAX_LENGTH) throw ValidationError.single(field, `must be at most ${MAX_LENGTH} characters`);
    if (raw.trim() === '') return RedirectUrlList.EMPTY;
    const urls = raw.split(',').map((item) => item.trim());
    const seen = new Set<string>();
    for (const url of urls) {
      const problem = RedirectUrlList.problemWith(url);
      if (problem) throw ValidationError.single(field, problem);
      if (seen.has(url)) throw ValidationError.single(field, `lists ${url} twice`);
      seen.add(url);
    }
    return new RedirectUrlList(urls);
  }

  /** The redirect URI rule both surfaces share (RFC 9700), applied to each item. */
  private static problemWith(url: string): string | null {
    if (url === '') return 'must not contain blank items';
    try {
      assertRedirectUri(url);
      return null;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return `${url} ${error.violations[0]?.message ?? 'is not a valid redirect URI'}`;
    }
  }
}
