import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from '../shared/control-characters';
import { FieldViolations } from '../shared/field-violations';
import { MAX_TEXT_LENGTH } from '../shared/limits';
import { isHttpUrl } from '../shared/urls';

/** The longest catalog entry name (its column is varchar(200)). */
const MAX_NAME_LENGTH = 200;

/** Refuses text longer than its column or holding a C0 control character (which PostgreSQL or a terminal would mangle). */
function checkText(violations: FieldViolations, field: string, value: string | null | undefined, maxLength: number): void {
  if (value == null) return;
  if (value.length > maxLength) violations.add(field, `must be at most ${maxLength} characters`);
  else if (hasControlCharacters(value)) violations.add(field, CONTROL_CHARACTER_MESSAGE);
}

export const APP_INTEGRATION_TYPES = [
  'Analytics',
  'Authenticate',
  'CDN',
  'PaymentGateway',
  'PushNotification',
  'ReCaptcha',
  'SMS',
  'SMTP',
] as const;
export type AppIntegrationType = (typeof APP_INTEGRATION_TYPES)[number];

export const ACTIVITY_STATUSES = ['Active', 'Inactive'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export function isAppIntegrationType(value: unknown): value is AppIntegrationType {
  return typeof value === 'string' && (APP_INTEGRATION_TYPES as readonly string[]).includes(value);
}

export function isActivityStatus(value: unknown): value is ActivityStatus {
  return typeof value === 'string' && (ACTIVITY_STATUSES as readonly string[]).includes(value);
}

export interface AppIntegrationSnapshot {
  readonly id: string;
  readonly type: AppIntegrationType;
  readonly name: string;
  readonly domain: string;
  readonly description: string | null;
  readonly logoURL: string | null;
  readonly status: ActivityStatus;
}

/** An entry of the shared catalog (Google sign-in, Stripe, …) that brands configure. */
export class AppIntegration {
  private constructor(private readonly state: AppIntegrationSnapshot) {}

  static create(input: {
    id: string;
    type: string;
    name: string;
    domain: string;
    description?: string | null;
    logoURL?: string | null;
    status?: string;
  }): AppIntegration {
    const violations = new FieldViolations();
    if (!isAppIntegrationType(input.type)) {
      violations.add('type', `must be one of ${APP_INTEGRATION_TYPES.join(', ')}`);
    }
    if (input.name.trim() === '') violations.add('name', 'must not be blank');
    else checkText(violations, 'name', input.name.trim(), MAX_NAME_LENGTH);
    if (input.domain.length > MAX_TEXT_LENGTH) violations.add('domain', `must be at most ${MAX_TEXT_LENGTH} characters`);
    else if (!isHttpUrl(input.domain)) violations.add('domain', 'must be an absolute http(s) URL');
    if (input.logoURL != null && input.logoURL.length > MAX_TEXT_LENGTH) violations.add('logoURL', `must be at most ${MAX_TEXT_LENGTH} characters`);
    else if (input.logoURL != null && !isHttpUrl(input.logoURL)) {
      violations.add('logoURL', 'must be an absolute http(s) URL');
    }
    checkText(violations, 'description', input.description, MAX_TEXT_LENGTH);
    const status = input.status ?? 'Active';
    if (!isActivityStatus(status)) violations.add('status', 'must be Active or Inactive');
    violations.throwIfAny();
    return new AppIntegration({
      id: input.id,
      type: input.type as AppIntegrationType,
      name: input.name.trim(),
      domain: input.domain,
      description: input.description ?? null,
      logoURL: input.logoURL ?? null,
      status: status as ActivityStatus,
    });
  }

  static restore(props: AppIntegrationSnapshot): AppIntegration {
    return new AppIntegration(props);
  }

  get id(): string {
    return this.state.id;
  }

  /** The entry's state; read-only, as the entity never changes. */
  snapshot(): AppIntegrationSnapshot {
    return this.state;
  }
}
