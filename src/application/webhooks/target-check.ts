import { ValidationError } from '../../domain/shared/domain-error';
import { OutboundHttp } from '../ports/outbound-http';

/**
 * Refuses, when a URL is registered, what the outbound adapter would never
 * reach (http or a private address without WEBHOOK_ALLOW_PRIVATE, metadata
 * addresses, credentials in the URL). Delivery checks again after DNS.
 */
export function refuseUnreachableTarget(http: OutboundHttp, url: string): void {
  const verdict = http.checkTarget(url);
  if (!verdict.allowed) throw ValidationError.single('url', `refused: ${verdict.reason}`);
}
