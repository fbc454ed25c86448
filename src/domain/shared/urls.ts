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
 * What a URL must not rely on: a reader that parses it differently from the
 * WHATWG parser would send the user somewhere else. Refused, in order: white
 * space (the parser strips tabs and newlines), a backslash (which it reads as
 * `/` in http(s), others do not), user information (`user:pw@`, or a bare
 * `@host`, which the parser drops), an authority not written as `//` after
 * the scheme (`https:@evil.com`, `https:evil.com`), and a host as written
 * that is not the host parsed. Null when none applies. Every stored address
 * follows these (redirect URIs, endpoints, webhook URLs).
 */
export function urlAmbiguity(value: string, url: URL): string | null {
  if (/\s/.test(value)) return 'must not contain white space';
  if (value.includes('\\')) return 'must not contain a backslash';
  if (url.username !== '' || url.password !== '') return USERINFO;
  const afterScheme = url.protocol.length;
  const special = url.protocol === 'http:' || url.protocol === 'https:';
  if (!value.startsWith('//', afterScheme)) {
    // Only a special scheme finds a host without "//"; the others have none then.
    return special ? 'must be written as scheme://host' : null;
  }
  const end = value.slice(afterScheme + 2).search(/[/?#]/);
  const authority = end === -1 ? value.slice(afterScheme + 2) : value.slice(afterScheme + 2, afterScheme + 2 + end);
  if (authority.includes('@')) return USERINFO;
  // The host as written must be the host parsed: an ASCII one letter for letter (but case), so no
  // percent-escapes, numeric IPv4 forms or empty hosts the parser rewrites; an IDN one as the
  // parser reads it alone (punycode).
  const written = authority.replace(/:\d*$/, '').toLowerCase();
  const plain = /^[\x21-\x7e]*$/.test(written) ? written === url.hostname : parse(`${url.protocol}//${authority}`)?.host === url.host;
  return plain ? null : 'must name its host plainly (the host as written is not the host parsed)';
}

const USERINFO = 'must not contain user information (user:password@)';

/**
 * Port 0 names no endpoint: no server listens there (a bind to 0 takes any
 * free port), so every request, redirect or delivery to it fails. Refused
 * however it is spelt (`:0`, `:000`) in every address the service stores
 * (redirect URIs, endpoints, icon URLs, webhook URLs, issuers). Null when the
 * port is another one or none.
 */
export function portProblem(url: URL): string | null {
  return url.port === '0' ? 'must not name port 0' : null;
}

/** True for an absolute http(s) URL with a host, on a port a server may listen on. */
export function isHttpUrl(value: string): boolean {
  const url = parse(value);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && portProblem(url) === null;
}

/** localhost, 127.0.0.0/8 and [::1], as the URL parser normalises them. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * An OAuth2 redirection endpoint (RFC 6749 §3.1.2, RFC 9700 §2.1/§4.1,
 * RFC 8252 §7): absolute, no fragment, nothing parsers read differently
 * (white space, backslashes, user information, a host not written plainly),
 * not port 0; https, plain
 * http only towards the loopback interface; a native app's private-use
 * scheme only in reverse-domain form (it contains a period); never a scheme
 * that runs code or reads files.
 */
export function assertRedirectUri(value: string): void {
  const url = parse(value);
  if (url === null) throw ValidationError.single('', 'must be an absolute URL');
  if (value.includes('#')) throw ValidationError.single('', 'must not contain a fragment');
  const problem = urlAmbiguity(value, url) ?? portProblem(url);
  if (problem !== null) throw ValidationError.single('', problem);
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
 * absolute https (http only on loopback), a host, not port 0, and nothing
 * parsers read differently (white space, backslashes, user information, a
 * host not written plainly).
 */
export function assertEndpointUrl(value: string): void {
  const url = parse(value);
  if (url === null || url.hostname === '') throw ValidationError.single('', 'must be an absolute https URL');
  const problem = urlAmbiguity(value, url) ?? portProblem(url);
  if (problem !== null) throw ValidationError.single('', problem);
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
