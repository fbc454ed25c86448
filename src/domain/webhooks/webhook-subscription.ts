import { DomainError } from '../shared/domain-error';
import { FieldViolations } from '../shared/field-violations';
import { hasControlCharacters, hasLoneSurrogates } from '../shared/control-characters';
import { MAX_TEXT_LENGTH } from '../shared/limits';
import { portProblem, urlAmbiguity } from '../shared/urls';

/** Who owns a subscription and whose events it receives: one brand on JFramework, the portal as a whole. */
export type WebhookScope = { readonly surface: 'jfw'; readonly brandId: string } | { readonly surface: 'portal' };

/** The event types of the contract, by the surface whose changes raise them. */
export const EVENT_TYPES_BY_SURFACE = {
  jfw: [
    'integration-authentication.created',
    'integration-authentication.updated',
    'integration-authentication.deleted',
    'integration-authentication.default-changed',
  ],
  portal: [
    'portal-app.created', 'portal-app.updated', 'portal-app.deleted',
    'access-request.created', 'access-request.approved', 'access-request.rejected', 'access-request.deleted',
    'credential.issued', 'credential.rotated', 'credential.revoked',
  ],
} as const satisfies Record<WebhookScope['surface'], readonly string[]>;

/** A stored subscription as its owner sees it (the secret is shown once, at creation, and never read back). */
export interface WebhookSubscription {
  readonly id: string;
  readonly scope: WebhookScope;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly description: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Set when a receiver answered 410 Gone (or the owner disabled it); nothing is delivered to it then. */
  readonly disabledAt: Date | null;
  readonly version: number;
}

/** What a subscription's owner sets; each field optional on a change. */
export interface WebhookSubscriptionSettings {
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly description: string | null;
}

export interface WebhookSubscriptionChanges {
  readonly url?: string;
  readonly eventTypes?: readonly string[];
  readonly description?: string | null;
  /** false disables delivery; true enables it again (after a 410, say). */
  readonly enabled?: boolean;
}

/** At most this many event types in one subscription: every type the contract lists, with room to grow. */
const MAX_EVENT_TYPES = 32;

function text(field: string, value: string, violations: FieldViolations): void {
  if (value.length > MAX_TEXT_LENGTH) violations.add(field, `must be at most ${MAX_TEXT_LENGTH} characters`);
  else if (hasControlCharacters(value) || hasLoneSurrogates(value)) violations.add(field, 'must be printable, well-formed text');
}

/**
 * What a URL may hold that no delivery could honour: a fragment is never
 * sent (the receiver would not see what was stored), and port 0 names no
 * port a server listens on (every attempt would fail for 24 h).
 */
function deliveryProblem(value: string, url: URL): string | null {
  if (value.includes('#')) return 'must not contain a fragment';
  return portProblem(url);
}

/**
 * The domain's rules for what a subscription may hold, on creation and on
 * change: an absolute http(s) URL, without a fragment or port 0 (whether its
 * target may be reached is the outbound HTTP adapter's verdict, asked by the
 * use case), known event types
 * of the owner's surface, each once.
 */
export function checkWebhookSettings(surface: WebhookScope['surface'], changes: WebhookSubscriptionChanges): void {
  const violations = new FieldViolations();
  if (changes.url !== undefined) {
    text('url', changes.url, violations);
    let parsed: URL | undefined;
    try {
      parsed = new URL(changes.url);
    } catch {
      violations.add('url', 'must be an absolute https URL');
    }
    if (parsed !== undefined && parsed.protocol !== 'https:' && parsed.protocol !== 'http:') violations.add('url', 'must be an absolute https URL');
    else if (parsed !== undefined) {
      // What the sender would read differently from what was stored (https://hooks.example.com\@127.0.0.1/ is
      // hooks.example.com to the WHATWG parser): refused as for redirect URIs and endpoints.
      const problem = urlAmbiguity(changes.url, parsed) ?? deliveryProblem(changes.url, parsed);
      if (problem !== null) violations.add('url', problem);
    }
  }
  if (changes.eventTypes !== undefined) {
    const known: readonly string[] = EVENT_TYPES_BY_SURFACE[surface];
    const unknown = changes.eventTypes.filter((type) => !known.includes(type));
    if (changes.eventTypes.length === 0) violations.add('eventTypes', 'must name at least one event type');
    else if (changes.eventTypes.length > MAX_EVENT_TYPES) violations.add('eventTypes', `must name at most ${MAX_EVENT_TYPES} event types`);
    else if (unknown.length > 0) violations.add('eventTypes', `unknown event type ${JSON.stringify(unknown[0]).slice(0, 80)}; known: ${known.join(', ')}`);
    else if (new Set(changes.eventTypes).size !== changes.eventTypes.length) violations.add('eventTypes', 'must name each event type once');
  }
  if (changes.description !== undefined && changes.description !== null) text('description', changes.description, violations);
  violations.throwIfAny();
}

export class WebhookSubscriptionNotFoundError extends DomainError {
  readonly code = 'WebhookSubscriptionNotFound';

  constructor() {
    super('The webhook subscription does not exist');
  }
}

export class WebhookDeliveryNotFoundError extends DomainError {
  readonly code = 'WebhookDeliveryNotFound';

  constructor() {
    super('The webhook delivery does not exist');
  }
}

/** Nothing is delivered to a disabled subscription, so a retry would wait forever: enable it first. */
export class WebhookSubscriptionDisabledError extends DomainError {
  readonly code = 'WebhookSubscriptionDisabled';

  constructor() {
    super('The webhook subscription is disabled; enable it before retrying a delivery');
  }
}
