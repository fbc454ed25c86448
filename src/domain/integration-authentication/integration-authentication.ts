import {
  IntegrationAuthenticationSettings,
  NULLABLE_FIELDS,
  SettingsInput,
  validateSettings,
} from './integration-authentication-settings';
import { FieldViolations } from '../shared/field-violations';

/**
 * A JSON Merge Patch (RFC 7396) of the settings: a field left out stays, a
 * field given replaces, `null` clears a nullable field. `null` on any other
 * field is an error rather than a silent reset to its default.
 */
export type SettingsPatch = { readonly [K in keyof SettingsInput]?: SettingsInput[K] | null };

/**
 * Settings as stored. `clientSecret` is null when the stored value could not
 * be decrypted (a lost key, a corrupted row): it is shown as null, and a
 * change must bring a new secret (validation requires one).
 */
export type StoredSettings = Omit<IntegrationAuthenticationSettings, 'clientSecret'> & { readonly clientSecret: string | null };

export interface IntegrationAuthenticationSnapshot extends StoredSettings {
  readonly id: string;
  readonly brandId: string;
  readonly version: number;
  readonly createdDate: Date;
  readonly updatedDate: Date;
}

/** Every setting equal (they are all strings, booleans or null). */
function sameSettings(a: StoredSettings, b: StoredSettings): boolean {
  const keys = Object.keys(a) as (keyof StoredSettings)[];
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * One brand's OAuth2 client configuration for a catalog integration.
 * Immutable: every change returns a new instance with `version` advanced, so
 * a repository can write it with a version check.
 */
export class IntegrationAuthentication {
  private constructor(private readonly state: IntegrationAuthenticationSnapshot) {}

  static create(input: { id: string; brandId: string; settings: SettingsInput; now: Date }): IntegrationAuthentication {
    return new IntegrationAuthentication({
      ...validateSettings(input.settings),
      id: input.id,
      brandId: input.brandId,
      version: 1,
      createdDate: input.now,
      updatedDate: input.now,
    });
  }

  /** Rebuilds a stored entity; storage only holds what once passed validation. */
  static restore(snapshot: IntegrationAuthenticationSnapshot): IntegrationAuthentication {
    return new IntegrationAuthentication(snapshot);
  }

  /**
   * Merge semantics (PATCH): the given settings override, the rest stay. A
   * patch that leaves every setting as it was (`{}`, or each field given its
   * current value) answers this same entity: nothing changed, so no new
   * version, and a repository writes nothing (docs/jfw-surface.md).
   */
  changeSettings(changes: SettingsPatch, now: Date): IntegrationAuthentication {
    const violations = new FieldViolations();
    for (const [field, value] of Object.entries(changes)) {
      if (value === null && !(NULLABLE_FIELDS as readonly string[]).includes(field)) violations.add(field, 'must not be null');
    }
    violations.throwIfAny();
    const merged = { ...this.settings } as Record<string, unknown>;
    for (const [field, value] of Object.entries(changes)) if (value !== undefined) merged[field] = value;
    const settings = validateSettings(merged as unknown as SettingsInput);
    return sameSettings(settings, this.settings) ? this : this.next(settings, now);
  }

  /** Another configuration of the same integration became the default. */
  clearDefault(now: Date): IntegrationAuthentication {
    return this.state.isDefault ? this.next({ ...this.settings, isDefault: false }, now) : this;
  }

  get id(): string {
    return this.state.id;
  }

  get brandId(): string {
    return this.state.brandId;
  }

  get version(): number {
    return this.state.version;
  }

  get isDefault(): boolean {
    return this.state.isDefault;
  }

  get appIntegrationId(): string {
    return this.state.appIntegrationId;
  }

  get settings(): StoredSettings {
    const { id: _id, brandId: _b, version: _v, createdDate: _c, updatedDate: _u, ...settings } = this.state;
    return settings;
  }

  snapshot(): IntegrationAuthenticationSnapshot {
    return this.state;
  }

  private next(settings: StoredSettings, now: Date): IntegrationAuthentication {
    return new IntegrationAuthentication({
      ...this.state,
      ...settings,
      version: this.state.version + 1,
      updatedDate: now,
    });
  }
}
