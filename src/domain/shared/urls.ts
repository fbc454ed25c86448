import { ValidationError } from './domain-error';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Schemes that run code or read local files in a browser or app: never a redirect target (RFC 9700 §4.1). */
const FORBIDDEN_SCHEMES = new Set(['javascript', 'data', 'file', 'vbscript']);

function parse(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * True when the URL names a user (`user:pw@host`, or a bare `@host`). The
 * parser drops an empty user name, so the authority as written is read too:
 * from the `//` after the scheme to the first `/`, `\`, `?` or `#`.
 */
function hasUserinfo(value: string, url: URL): boolean {
  if (url.username !== '' || url.password !== '') return true;
  const colon = value.indexOf(':');
  if (!value.startsWith('//', colon + 1)) return false;
  for (let i = colon + 3; i < value.length; i++) {
    const c = value[i];
    if (c === '@') return true;
    if (c === '/' || c === '\\' || c === '?' || c === '#') return false;
  }
  return false;
}

/** True for an absolute http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
  const url = parse(value);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

/** localhost, 127.0.0.0/8 and [::1], as the URL parser normalises them. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * An OAuth2 redirection endpoint (RFC 6749 §3.1.2, RFC 9700 §2.1/§4.1,
 * RFC 8252 §7): absolute, no fragment, no user information; https, plain
 * http only towards the loopback interface; a native app's private-use
 * scheme only in reverse-domain form (it contains a period); never a scheme
 * that runs code or reads files.
 */
export function assertRedirectUri(value: string): void {
  const url = parse(value);
  if (url === null) throw ValidationError.single('', 'must be an absolute URL');
  if (value.includes('#')) throw ValidationError.single('', 'must not contain a fragment');
  if (hasUserinfo(value, url)) throw ValidationError.single('', 'must not contain user information (user:password@)');
  const scheme = url.protocol.slice(0, -1);
  if (FORBIDDEN_SCHEMES.has(scheme)) throw ValidationError.single('', `must not use the ${scheme} scheme`);
  if (scheme === 'https') {
    if (url.hostname === '') throw ValidationError.single('', 'must name a host');
    return;
  }
  if (scheme === 'http') {
    if (!isLoopbackHost(url.hostname)) {
      throw ValidationError.single('', 'must use https unless it points at a loopback host');
    }
    return;
  }
  if (!scheme.includes('.')) {
    throw ValidationError.single('', 'must use https, http on loopback, or a reverse-domain private-use scheme');
  }
}

/**
 * An authorization or token endpoint the service sends users or secrets to:
 * absolute https (http only on loopback), a host, no user information.
 */
export function assertEndpointUrl(value: string): void {
  const url = parse(value);
  if (url === null || url.hostname === '') throw ValidationError.single('', 'must be an absolute https URL');
  if (hasUserinfo(value, url)) throw ValidationError.single('', 'must not contain user information (user:password@)');
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  throw ValidationError.single('', 'must use https unless it points at a loopback host');
}

/** The endpoint rule as a predicate, for fast checks that must agree with it. */
export function isEndpointUrl(value: string): boolean {
  try {
    assertEndpointUrl(value);
    return true;
  } catch {
    return false;
  }
}
