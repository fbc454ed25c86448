import { isURL } from 'class-validator';
import { MAX_LENGTH, MAX_SECRET_LENGTH } from '../../../../domain/integration-authentication/integration-authentication-settings';
import { assertRedirectUri } from '../../../../domain/shared/urls';
import { HTTP_URL, IntegrationAuthenticationBody, NOT_BLANK, STATUS_VALUES } from './integration-authentication.dto';

const TEXT_FIELDS = ['appIntegrationId', 'code', 'name', 'projectId', 'clientId', 'scope'] as const;
const URL_FIELDS = ['authEndpoint', 'tokenEndpoint', 'iconURL'] as const;
const KNOWN = new Set<string>([...TEXT_FIELDS, 'clientSecret', 'redirectURI', ...URL_FIELDS, 'tags', 'description', 'status', 'isDefault']);

/**
 * validator's isURL (with its isFQDN and isIP regular expressions) was the
 * fast check's largest cost (docs/performance.md). It is a pure function of
 * the string for fixed options, and a client PUTs the same three endpoint
 * URLs again and again, so its answers are kept: at most URL_MEMO_SIZE
 * strings of at most MAX_LENGTH characters (≤ 1 MiB), dropped all at once
 * when full.
 */
const URL_MEMO_SIZE = 256;
const urlMemo = new Map<string, boolean>();
function isHttpUrl(value: string): boolean {
  let valid = urlMemo.get(value);
  if (valid === undefined) {
    valid = isURL(value, HTTP_URL);
    if (urlMemo.size >= URL_MEMO_SIZE) urlMemo.clear();
    urlMemo.set(value, valid);
  }
  return valid;
}

const text = (value: unknown, limit: number) => typeof value === 'string' && value.length <= limit && NOT_BLANK.test(value);
const optionalText = (value: unknown) => value == null || (typeof value === 'string' && value.length <= MAX_LENGTH);

function redirectUri(value: unknown): boolean {
  if (typeof value !== 'string' || value === '' || value.length > MAX_LENGTH) return false;
  try {
    assertRedirectUri(value.trim());
    return true;
  } catch {
    return false;
  }
}

/**
 * A straight-line check that answers true only for bodies the
 * IntegrationAuthenticationBody DTO accepts (each test here is the same as,
 * or stricter than, the DTO's: `.length` never undercounts class-validator's
 * MaxLength). A body it passes skips class-transformer + class-validator,
 * which cost ~12 % of a PUT's busy CPU; any other body takes the DTO path,
 * so error answers are exactly the DTO's. Kept honest by a property test
 * (fast check passes ⇒ the DTO passes).
 */
export function surelyValidIntegrationAuthenticationBody(body: Record<string, unknown>): body is Record<string, unknown> & IntegrationAuthenticationBody {
  for (const key in body) if (!KNOWN.has(key)) return false;
  for (const field of TEXT_FIELDS) if (!text(body[field], MAX_LENGTH)) return false;
  if (!text(body.clientSecret, MAX_SECRET_LENGTH) || !redirectUri(body.redirectURI)) return false;
  for (const field of URL_FIELDS) {
    const value = body[field];
    if (value != null && !(optionalText(value) && isHttpUrl(value as string))) return false;
  }
  if (!optionalText(body.tags) || !optionalText(body.description)) return false;
  if (body.status != null && !(STATUS_VALUES as readonly unknown[]).includes(body.status)) return false;
  return body.isDefault == null || typeof body.isDefault === 'boolean';
}
