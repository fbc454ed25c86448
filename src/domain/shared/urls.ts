import { ValidationError } from './domain-error';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parse(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** True for an absolute http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
  const url = parse(value);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * An OAuth2 redirection endpoint (RFC 6749 §3.1.2, RFC 8252 §7): absolute, no
 * fragment; plain http only towards the loopback interface; private-use
 * schemes of native apps must look like a reversed domain name.
 */
export function assertRedirectUri(value: string): void {
  const url = parse(value);
  if (url === null) throw ValidationError.single('', 'must be an absolute URL');
  if (value.includes('#')) throw ValidationError.single('', 'must not contain a fragment');
  const scheme = url.protocol.slice(0, -1);
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
